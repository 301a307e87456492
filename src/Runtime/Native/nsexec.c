/*
 * nsexec.c: the only C in ocirt besides the spawn helper. It is linked into the NativeAOT binary as an object file
 * and its constructor runs before the .NET runtime starts.
 *
 * Why C at all: a .NET process is multi-threaded from its first managed line (NativeAOT starts a finalizer thread
 * during runtime initialisation), and the kernel refuses unshare(CLONE_NEWUSER) and setns() into user and mount
 * namespaces for a multi-threaded process. A constructor runs while the process still has exactly one thread, so it
 * is where namespaces are created or joined (as runc's nsexec does). All policy stays in C#: this file only performs
 * the steps it is told to, and does nothing at all unless the binary was started as `ocirt init`.
 *
 * State machine (filled in by the lifecycle work):
 *   STAGE_NONE  - any command but `init`: return at once, the runtime starts normally.
 *   STAGE_INIT  - `ocirt init`: record what the process looked like before the runtime existed, so C# can prove
 *                 (and tests can check) that the constructor ran single-threaded.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <string.h>

enum stage { STAGE_NONE = 0, STAGE_INIT = 1 };

static enum stage current_stage = STAGE_NONE;
static int threads_at_constructor = -1;

/* Counts the entries of /proc/self/task: one per thread. Only used in init mode, so ordinary commands pay nothing. */
static int count_threads(void)
{
    DIR *dir = opendir("/proc/self/task");
    if (dir == NULL)
        return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL)
        if (entry->d_name[0] != '.')
            count++;
    closedir(dir);
    return count;
}

/* glibc passes argc, argv and envp to ELF constructors. */
__attribute__((constructor)) static void ocirt_nsexec(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 2 || strcmp(argv[1], "init") != 0)
        return;
    current_stage = STAGE_INIT;
    threads_at_constructor = count_threads();
}

/* Read by C# (DirectPInvoke "ocirt_native"): which stage the constructor ran, and the thread count it saw. */
int ocirt_nsexec_stage(void) { return (int)current_stage; }
int ocirt_nsexec_threads(void) { return threads_at_constructor; }
