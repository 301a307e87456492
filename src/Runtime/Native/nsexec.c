/*
 * nsexec.c: the constructor that runs in `ocirt init` before the .NET runtime starts.
 *
 * Why C at all: a .NET process is multi-threaded from its first managed line (NativeAOT starts a finalizer thread
 * while the runtime initialises), and the kernel refuses unshare(CLONE_NEWUSER) and setns() into user and mount
 * namespaces for a multi-threaded process. An ELF constructor runs while the process still has one thread, so this
 * is where namespaces are joined and created, as runc's nsexec does. All policy stays in C#: the parent decides
 * everything and sends it here as a bootstrap; this file only carries the steps out, in order.
 *
 * Processes (P = the `ocirt create/run/exec` parent, C#, multi-threaded):
 *
 *   P --spawn.c--> S0 `ocirt init` (this constructor, stage PARENT)
 *                  S0: read the bootstrap, move itself into the container's v1 cgroups, setns() into the
 *                      namespaces to join (user first), unshare the time namespace and write its offsets, clone3()
 *                      the new namespaces with CLONE_PARENT (so the child is P's child) and CLONE_INTO_CGROUP (so
 *                      it is born in the container's v2 cgroup), send "pid N" to P, _exit(0).
 *                  S1 (stage CHILD): wait for "go" from P (P writes the id maps meanwhile), become root in a new
 *                      user namespace, join or unshare the cgroup namespace (rooted at the container's cgroup, which
 *                      it is in since birth), return: the .NET runtime boots in the namespaces (as pid 1 when a
 *                      pid namespace was created) and C# continues with the init sequence.
 *
 * Why the cgroup join is here: a write of a pid to cgroup.procs takes the kernel's cgroup_threadgroup_rwsem for
 * writing, which waits for an RCU grace period (measured here: 8 to 20 ms per join, on every `run`). A
 * single-threaded process that writes "0" to a v1 `tasks` file moves only itself and skips that lock (0.3 ms for
 * all hierarchies), and a child cloned with CLONE_INTO_CGROUP only takes it for reading. S0 is single-threaded, so
 * it is the one process that can do both; C# still decides which cgroups (the paths come in the bootstrap).
 *
 * Protocol on the sync socket (fd number in _OCIRT_SYNCFD): frames of a native-endian uint32 length and a text
 * payload "verb arguments". Bootstrap lines from P: "clone FLAGS", "join FLAG PATH", "timens CLOCK SECS NSECS",
 * "cgroup-tasks PATH" (a v1 tasks file), "cgroup-dir PATH" (the v2 directory). From here to P: "pid N" or
 * "error TEXT". From P to S1: "go".
 *
 * Any other command, or `ocirt init` without _OCIRT_SYNCFD, returns at once and changes nothing.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

enum stage {
    STAGE_NONE = 0,  /* not init: nothing done */
    STAGE_INIT = 1,  /* `ocirt init` started by hand, without a bootstrap */
    STAGE_CHILD = 2, /* the container's init, inside its namespaces */
};

#define MAX_FRAME 65536
#define MAX_JOINS 16
#define MAX_CGROUP_TASKS 32

static enum stage current_stage = STAGE_NONE;
static int threads_at_constructor = -1;
static int sync_fd = -1;

struct bootstrap {
    uint64_t clone_flags;
    int join_count;
    int join_flags[MAX_JOINS];
    char *join_paths[MAX_JOINS];
    char timens_offsets[512];
    int cgroup_task_count;
    char *cgroup_tasks[MAX_CGROUP_TASKS];
    char *cgroup_dir;
};

/* Counts the entries of /proc/self/task: one per thread. */
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

static int write_full(int fd, const void *buffer, size_t length)
{
    const char *p = buffer;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static int read_full(int fd, void *buffer, size_t length)
{
    char *p = buffer;
    while (length > 0) {
        ssize_t n = read(fd, p, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

static void send_frame(const char *text)
{
    uint32_t length = (uint32_t)strlen(text);
    if (write_full(sync_fd, &length, sizeof length) == 0)
        write_full(sync_fd, text, length);
}

/* Reads one frame into a malloc'd, NUL-terminated buffer; NULL when the parent went away. */
static char *read_frame(void)
{
    uint32_t length;
    if (read_full(sync_fd, &length, sizeof length) != 0 || length > MAX_FRAME)
        return NULL;
    char *text = malloc(length + 1);
    if (text == NULL || read_full(sync_fd, text, length) != 0) {
        free(text);
        return NULL;
    }
    text[length] = '\0';
    return text;
}

/* Reports a failed step to the parent, which prints it as the cause of the error, and ends this process. */
__attribute__((noreturn, format(printf, 1, 2))) static void fail(const char *format, ...)
{
    int saved = errno;
    char message[1024] = "error nsexec: ";
    size_t used = strlen(message);
    va_list args;
    va_start(args, format);
    vsnprintf(message + used, sizeof message - used, format, args);
    va_end(args);
    used = strlen(message);
    if (saved != 0)
        snprintf(message + used, sizeof message - used, ": %s", strerror(saved));
    send_frame(message);
    _exit(1);
}

static void parse_bootstrap(char *text, struct bootstrap *b)
{
    memset(b, 0, sizeof *b);
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (strncmp(line, "clone ", 6) == 0) {
            b->clone_flags = strtoull(line + 6, NULL, 10);
        } else if (strncmp(line, "join ", 5) == 0) {
            char *path = strchr(line + 5, ' ');
            if (path == NULL || b->join_count == MAX_JOINS)
                fail("bad bootstrap line: %s", line);
            b->join_flags[b->join_count] = (int)strtol(line + 5, NULL, 10);
            b->join_paths[b->join_count++] = path + 1;
        } else if (strncmp(line, "cgroup-tasks ", 13) == 0) {
            if (b->cgroup_task_count == MAX_CGROUP_TASKS)
                fail("bad bootstrap line: %s", line);
            b->cgroup_tasks[b->cgroup_task_count++] = line + 13;
        } else if (strncmp(line, "cgroup-dir ", 11) == 0) {
            b->cgroup_dir = line + 11;
        } else if (strncmp(line, "timens ", 7) == 0) {
            size_t used = strlen(b->timens_offsets);
            snprintf(b->timens_offsets + used, sizeof b->timens_offsets - used, "%s\n", line + 7);
        } else {
            errno = 0;
            fail("unknown bootstrap line: %s", line);
        }
    }
}

/* setns() into one's own user namespace fails with EINVAL, so a user namespace we are already in is skipped. */
static int is_own_user_namespace(int fd)
{
    struct stat target, own;
    return fstat(fd, &target) == 0 && stat("/proc/self/ns/user", &own) == 0 &&
           target.st_dev == own.st_dev && target.st_ino == own.st_ino;
}

/* Opens every path first (they are host paths, and joining a mount namespace changes what paths mean), then joins
 * the user namespace before the others: the others are owned by it and need its capabilities. The cgroup namespace
 * is left to the child (it changes only the caller's view): joined here, it would make the kernel refuse
 * CLONE_INTO_CGROUP from our host cgroup, which it cannot see. Returns that namespace's fd, or -1. */
static int join_namespaces(struct bootstrap *b)
{
    int cgroup_fd = -1;
    int fds[MAX_JOINS];
    for (int i = 0; i < b->join_count; i++) {
        fds[i] = open(b->join_paths[i], O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0)
            fail("open %s", b->join_paths[i]);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < b->join_count; i++) {
            int is_user = b->join_flags[i] == CLONE_NEWUSER;
            if (is_user != (pass == 0))
                continue;
            if (is_user && is_own_user_namespace(fds[i]))
                continue;
            if (b->join_flags[i] == CLONE_NEWCGROUP) {
                cgroup_fd = fds[i];
                continue;
            }
            if (setns(fds[i], b->join_flags[i]) != 0)
                fail("setns %s", b->join_paths[i]);
        }
    }
    for (int i = 0; i < b->join_count; i++)
        if (fds[i] != cgroup_fd)
            close(fds[i]);
    return cgroup_fd;
}

/* Moves this (single-threaded) process into each v1 hierarchy's cgroup: "0" in a tasks file is "the writer's
 * thread", which the kernel moves without the write lock a whole process needs. Host paths: before any setns. */
static void join_v1_cgroups(struct bootstrap *b)
{
    for (int i = 0; i < b->cgroup_task_count; i++) {
        int fd = open(b->cgroup_tasks[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_full(fd, "0", 1) != 0)
            fail("join cgroup %s", b->cgroup_tasks[i]);
        close(fd);
    }
}

/* A time namespace takes its offsets before any process is in it, so it is unshared here (it applies to children)
 * and the clone below puts the container's init into it with the offsets already set. */
static void prepare_time_namespace(struct bootstrap *b)
{
    if (!(b->clone_flags & CLONE_NEWTIME))
        return;
    if (unshare(CLONE_NEWTIME) != 0)
        fail("unshare time namespace");
    if (b->timens_offsets[0] != '\0') {
        int fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_full(fd, b->timens_offsets, strlen(b->timens_offsets)) != 0)
            fail("write /proc/self/timens_offsets");
        close(fd);
    }
    b->clone_flags &= ~(uint64_t)CLONE_NEWTIME;
}

static pid_t clone_child(uint64_t flags, int cgroup_fd)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    /* CLONE_PARENT: the container's init becomes the parent's child, so the parent can wait for it and, once the
     * parent exits, it is reparented to the engine's subreaper (containerd's shim, conmon). */
    args.flags = flags | CLONE_PARENT;
    if (cgroup_fd >= 0) {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = (uint64_t)cgroup_fd;
    }
    pid_t child = (pid_t)syscall(SYS_clone3, &args, sizeof args);
    if (child < 0 && cgroup_fd >= 0 && (errno == E2BIG || errno == EINVAL)) {
        /* A kernel before 5.7 has no CLONE_INTO_CGROUP: move ourselves the slow way, and the child inherits it. */
        int procs = openat(cgroup_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
        if (procs < 0 || write_full(procs, "0", 1) != 0)
            fail("join cgroup (cgroup.procs)");
        close(procs);
        return clone_child(flags, -1);
    }
    return child;
}

static void run_parent_stage(void)
{
    char *text = read_frame();
    if (text == NULL)
        _exit(1); /* the parent went away: nobody to report to */
    struct bootstrap b;
    parse_bootstrap(text, &b);
    /* Opened while our paths are the host's. */
    int cgroup_dir = -1;
    if (b.cgroup_dir != NULL && (cgroup_dir = open(b.cgroup_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        fail("open cgroup %s", b.cgroup_dir);
    join_v1_cgroups(&b);
    int cgroup_namespace_fd = join_namespaces(&b);
    prepare_time_namespace(&b);

    /* The cgroup namespace is made by the child, which is born in the container's cgroup: one made now would be
     * rooted at the runtime's cgroup, and the container would see that path instead of "/". */
    uint64_t cgroup_namespace = b.clone_flags & CLONE_NEWCGROUP;
    pid_t child = clone_child(b.clone_flags & ~(uint64_t)CLONE_NEWCGROUP, cgroup_dir);
    if (child < 0)
        fail("clone3 flags 0x%llx", (unsigned long long)b.clone_flags);
    if (child > 0) {
        char message[32];
        snprintf(message, sizeof message, "pid %d", (int)child);
        send_frame(message);
        _exit(0);
    }

    /* The container's init (or exec'd process). The parent writes the id maps, then says "go". */
    current_stage = STAGE_CHILD;
    char *go = read_frame();
    if (go == NULL || strcmp(go, "go") != 0)
        _exit(1);
    free(go);
    int joined_user = 0;
    for (int i = 0; i < b.join_count; i++)
        joined_user |= b.join_flags[i] == CLONE_NEWUSER;
    if ((b.clone_flags & CLONE_NEWUSER) || joined_user) {
        /* Our host uid is unmapped in a new or joined user namespace: become its root, or files we create fail
         * with EOVERFLOW and exec would drop every capability (we would run as the overflow uid). */
        if (setresgid(0, 0, 0) != 0)
            fail("setresgid 0");
        if (setresuid(0, 0, 0) != 0)
            fail("setresuid 0");
    }
    if (cgroup_dir >= 0)
        close(cgroup_dir);
    if (cgroup_namespace && unshare(CLONE_NEWCGROUP) != 0)
        fail("unshare cgroup namespace");
    if (cgroup_namespace_fd >= 0) {
        if (setns(cgroup_namespace_fd, CLONE_NEWCGROUP) != 0)
            fail("setns cgroup namespace");
        close(cgroup_namespace_fd);
    }
    free(text);
}

/* glibc passes argc, argv and envp to ELF constructors. */
__attribute__((constructor)) static void ocirt_nsexec(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 2 || strcmp(argv[1], "init") != 0)
        return;
    current_stage = STAGE_INIT;
    threads_at_constructor = count_threads();
    const char *fd_text = getenv("_OCIRT_SYNCFD");
    if (fd_text == NULL)
        return;
    sync_fd = atoi(fd_text);
    run_parent_stage();
}

/* Read by C# (DirectPInvoke "ocirt_native"). */
int ocirt_nsexec_stage(void) { return (int)current_stage; }
int ocirt_nsexec_threads(void) { return threads_at_constructor; }
