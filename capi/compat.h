/*
 * compat.h — internal: what the generated not-supported surface (compat_gen.c) calls. Not
 * installed; every symbol here is local to the library (the version script exports only the
 * names of include/timconvgroup.h).
 */
#ifndef TCG_COMPAT_H_
#define TCG_COMPAT_H_

#include <stddef.h>
#include <stdint.h>

#include "timconvgroup.h"

/* Go (compat.go): answers a not-supported call through the engine's queue, so the answer
 * reaches the callback thread in call order. TIM_SUCC, or TIM_ERR_SDKUNINIT when the library
 * is not initialised. cb 0: nothing is delivered. */
extern int tcgCompatCall(char* name, uintptr_t cb, uintptr_t user_data);

/* gate.c: lets the calling thread into Go (call before tcgCompatCall). */
void tcg_gate_enter(void);

/* A not-supported call with a TIMCommCallback. */
int tcg_compat_call(const char* name, TIMCommCallback cb, const void* user_data);

/* A not-supported call whose callback is a TIMMsgGroupMessageReadMemberListCallback: the
 * callback gets an empty, finished page ("[]", 0, true), on the callback thread. */
int tcg_compat_call_TIMMsgGroupMessageReadMemberListCallback(const char* name,
                                                             TIMMsgGroupMessageReadMemberListCallback cb,
                                                             const void* user_data);

#endif /* TCG_COMPAT_H_ */
