/* needm_suspend: C threads enter the library (Go) for the first time while another thread
 * stops and restarts them the way Boehm GC (Unity, IL2CPP) and Mono's preemptive suspend do:
 * pthread_kill(SIGPWR), the handler acknowledges and waits in sigsuspend until SIGXCPU.
 *
 * A thread whose first call into Go waits for an extra M inside Go's needm does so with every
 * signal blocked, so it can never acknowledge the suspend; the thread that would give it an M
 * may be the one the "GC" has already stopped. This program reports such a stop that is never
 * acknowledged, then waits (so a debugger can look), unless NEEDM_EXIT is set: exit 2.
 *   needm_suspend [SECONDS] [THREADS]     exit 0: no hang in SECONDS (default 20), 8 threads a wave
 * Not part of make test: tests/mono/needm-suspend.sh builds and runs it. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "timconvgroup.h"

#define SIG_SUSPEND SIGPWR
#define SIG_RESTART SIGXCPU
#define MAXT 64

static sem_t acks;
static volatile sig_atomic_t resume_gen;
static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_t reg[MAXT];
static int reg_used[MAXT];
static int nthreads = 8;

static void on_suspend(int sig) {
    (void)sig;
    int e = errno;
    sig_atomic_t gen = resume_gen;
    sigset_t m;
    sigfillset(&m);
    sigdelset(&m, SIG_RESTART);
    sem_post(&acks);                 /* "I am stopped" */
    while (resume_gen == gen) sigsuspend(&m);
    errno = e;
}

static void on_restart(int sig) { (void)sig; }

static int reg_add(void) {
    pthread_mutex_lock(&reg_mu);
    for (int i = 0; i < MAXT; i++)
        if (!reg_used[i]) { reg_used[i] = 1; reg[i] = pthread_self(); pthread_mutex_unlock(&reg_mu); return i; }
    pthread_mutex_unlock(&reg_mu);
    abort();
}

static void reg_del(int i) {
    pthread_mutex_lock(&reg_mu);
    reg_used[i] = 0;
    pthread_mutex_unlock(&reg_mu);
}

static pthread_barrier_t start;

static void *host_thread(void *arg) {
    (void)arg;
    int slot = reg_add();           /* registered with the "GC" before its first call into Go */
    pthread_barrier_wait(&start);
    (void)TIMGetLoginStatus();      /* the first call into Go on this thread: needm */
    reg_del(slot);                  /* like a runtime detaching the thread before it exits */
    return NULL;
}

/* Stops every registered thread, waits for each acknowledgement, restarts them. The registry
 * lock is held throughout, as a GC holds its thread list lock. */
static void *gc_thread(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&reg_mu);
        int sent = 0;
        for (int i = 0; i < MAXT; i++)
            if (reg_used[i] && pthread_kill(reg[i], SIG_SUSPEND) == 0) sent++;
        for (int k = 0; k < sent; k++) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += 10;
            while (sem_timedwait(&acks, &ts) != 0) {
                if (errno == EINTR) continue;
                printf("HANG: %d of %d stopped threads never acknowledged the suspend signal in 10 s "
                       "(pid %d)\n", sent - k, sent, (int)getpid());
                fflush(stdout);
                if (getenv("NEEDM_EXIT")) _exit(2);
                for (;;) pause();
            }
        }
        usleep(50);                 /* "collect" */
        resume_gen++;
        for (int i = 0; i < MAXT; i++)
            if (reg_used[i]) pthread_kill(reg[i], SIG_RESTART);
        pthread_mutex_unlock(&reg_mu);
        usleep(200);
    }
    return NULL;
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 20;
    if (argc > 2) nthreads = atoi(argv[2]);
    if (nthreads < 1 || nthreads > MAXT - 1) nthreads = 8;
    sem_init(&acks, 0, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_flags = SA_RESTART | SA_ONSTACK; /* as the library requires of every handler */
    sigfillset(&sa.sa_mask);
    sa.sa_handler = on_suspend;
    sigaction(SIG_SUSPEND, &sa, NULL);
    sa.sa_handler = on_restart;
    sigaction(SIG_RESTART, &sa, NULL);

    (void)TIMGetLoginStatus();      /* loads the Go runtime on the main thread (not registered) */

    pthread_t gc;
    pthread_create(&gc, NULL, gc_thread, NULL);
    time_t end = time(NULL) + seconds;
    long waves = 0;
    pthread_barrier_init(&start, NULL, (unsigned)nthreads);
    while (time(NULL) < end) {
        pthread_t t[MAXT];
        for (int i = 0; i < nthreads; i++) pthread_create(&t[i], NULL, host_thread, NULL);
        for (int i = 0; i < nthreads; i++) pthread_join(t[i], NULL);
        waves++;
    }
    printf("no hang: %ld waves of %d threads entering Go for the first time in %d s\n", waves, nthreads, seconds);
    return 0;
}
