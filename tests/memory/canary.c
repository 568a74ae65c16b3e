/*
 * canary.c — proves the memory checkers see the boundary: a deliberately wrong host keeps the
 * json string the library lends to a callback and reads it after the callback returned (the
 * library has freed it by then, as documented: strings are borrowed for the duration of the
 * call). Under AddressSanitizer this must be reported as heap-use-after-free, under valgrind as
 * an invalid read; scripts/check-memory.sh fails when it is not. Usage: canary DATA_DIR
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timconvgroup.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int done;
static const char* volatile kept;

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)code, (void)desc;
    if (ud) kept = json; /* the bug: keeping a borrowed string */
    pthread_mutex_lock(&mu);
    done = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

static void wait_done(int rc) {
    if (rc != TIM_SUCC) {
        fprintf(stderr, "canary: call refused (%d)\n", rc);
        exit(2);
    }
    pthread_mutex_lock(&mu);
    while (!done) pthread_cond_wait(&cv, &mu);
    done = 0;
    pthread_mutex_unlock(&mu);
}

int main(int argc, char** argv) {
    char cfg[1024];
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\"}", argc > 1 ? argv[1] : "build/canary-data");
    if (TIMInit(1, cfg) != TIM_SUCC) return 2;
    wait_done(TIMLogin("canary", "sig", on_result, NULL));
    wait_done(TIMConvUpsertConversations("[{\"conv_id\":\"a\",\"conv_type\":1}]", on_result, NULL));
    wait_done(TIMConvGetConvList(on_result, (const void*)1)); /* keeps its json */
    wait_done(TIMConvGetConvList(on_result, NULL));          /* by now the kept one is freed */
    volatile char c = kept[0];                               /* use after free */
    printf("canary: read '%c' from a freed callback string (nothing caught it)\n", c);
    TIMUninit();
    return 0;
}
