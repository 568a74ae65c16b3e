/*
 * compat.c — hand-written helpers of the not-supported surface (compat_gen.c is generated).
 */
#include <stdlib.h>

#include "compat.h"

int tcg_compat_call(const char* name, TIMCommCallback cb, const void* user_data) {
    tcg_gate_enter();
    return tcgCompatCall((char*)name, (uintptr_t)cb, (uintptr_t)user_data);
}

/* The dispatcher runs TIMCommCallbacks; a call whose callback has another type is answered
 * through this trampoline, which owns a small box with the host's callback and user_data. */
typedef struct {
    TIMMsgGroupMessageReadMemberListCallback cb;
    const void* user_data;
} list_box;

static void list_trampoline(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)code;
    (void)desc;
    (void)json;
    list_box b = *(const list_box*)ud;
    free((void*)ud);
    b.cb("[]", 0, 1, b.user_data);
}

int tcg_compat_call_TIMMsgGroupMessageReadMemberListCallback(const char* name,
                                                             TIMMsgGroupMessageReadMemberListCallback cb,
                                                             const void* user_data) {
    tcg_gate_enter();
    if (!cb) return tcgCompatCall((char*)name, 0, 0);
    list_box* b = (list_box*)malloc(sizeof *b);
    if (!b) return TIM_ERR_PARAM;
    b->cb = cb;
    b->user_data = user_data;
    int rc = tcgCompatCall((char*)name, (uintptr_t)list_trampoline, (uintptr_t)b);
    if (rc != TIM_SUCC) free(b);
    return rc;
}
