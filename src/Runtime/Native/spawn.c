/*
 * spawn.c: the one way ocirt's C# code starts a process.
 *
 * Managed code must never run in a forked child of a .NET process: only the forking thread survives, and if a GC
 * was in progress the child waits forever for it (measured: about 1 in 170 spawns hung). So the child side is
 * glibc's posix_spawn (clone with CLONE_VM|CLONE_VFORK, then execve), and this function only describes it:
 * which fds the child gets at which numbers, a clean signal state, and every other fd closed.
 *
 * from[i] becomes fd to[i] in the child (stdin of a hook, the init's sync socket...). Every fd below close_from that
 * is not a target is inherited unchanged (0-2 and the caller's --preserve-fds), and every fd from close_from up is
 * closed (containerd's shim leaks its own socket as fd 3; it must not reach the container).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#define MAX_SPAWN_FDS 16

int ocirt_spawn(const char *path, char *const argv[], char *const envp[], const int *from, const int *to, int count,
                int close_from, int *pid_out)
{
    if (count < 0 || count > MAX_SPAWN_FDS)
        return EINVAL;
    /* Targets lie below close_from, or closing would undo them. */
    for (int i = 0; i < count; i++)
        if (to[i] < 0 || to[i] >= close_from)
            return EINVAL;
    int above = close_from;

    /* Move every source above all targets first, so that no dup2 overwrites a source not yet copied. */
    int moved[MAX_SPAWN_FDS];
    int done = 0;
    int error = 0;
    for (; done < count; done++) {
        moved[done] = fcntl(from[done], F_DUPFD_CLOEXEC, above);
        if (moved[done] < 0) {
            error = errno;
            goto out;
        }
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    for (int i = 0; i < count; i++)
        posix_spawn_file_actions_adddup2(&actions, moved[i], to[i]);
    posix_spawn_file_actions_addclosefrom_np(&actions, close_from);

    /* .NET blocks some signals and ignores SIGPIPE; an ignored signal stays ignored across execve, so reset all. */
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid;
    error = posix_spawn(&pid, path, &actions, &attributes, argv, envp);
    if (error == 0)
        *pid_out = (int)pid;
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
out:
    for (int i = 0; i < done; i++)
        close(moved[i]);
    return error;
}
