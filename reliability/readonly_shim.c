/*
 * LD_PRELOAD shim for reliability/storage_faults.py: while the file named by STORAGE_FAULT_FLAG exists, every write
 * into the folder STORAGE_FAULT_DIR fails with EROFS, as on a file system remounted read-only. Linux refuses to
 * remount a file system read-only while a process holds files on it open for writing (EBUSY), so a running service
 * cannot be given a real read-only mount; this gives it the same errno at the same calls, and takes it back.
 *
 * Covers what SQLite's unix VFS uses to change files: open for writing, write, pwrite, ftruncate, fallocate.
 * Build: cc -shared -fPIC -O2 -o readonly_shim.so readonly_shim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int fault_active(void) {
    const char *flag = getenv("STORAGE_FAULT_FLAG");
    return flag != NULL && access(flag, F_OK) == 0;
}

/* Absolute paths only: the service is given an absolute DATABASE_PATH, and /proc/self/fd links are absolute. */
static int inside_fault_dir(const char *path) {
    const char *dir = getenv("STORAGE_FAULT_DIR");
    if (dir == NULL || path == NULL || path[0] != '/') {
        return 0;
    }
    size_t length = strlen(dir);
    return strncmp(path, dir, length) == 0 && (path[length] == '/' || path[length] == '\0');
}

static int fd_in_fault(int fd) {
    if (!fault_active()) {
        return 0;
    }
    char link[64];
    char path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 1);
    if (length < 0) {
        return 0;
    }
    path[length] = '\0';
    return inside_fault_dir(path);
}

static int open_in_fault(const char *path, int flags) {
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0 && fault_active() && inside_fault_dir(path);
}

#define REAL(name) static __typeof__(name) *real_##name; if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name)
#define FAIL_IF(condition) if (condition) { errno = EROFS; return -1; }

ssize_t write(int fd, const void *buffer, size_t count) {
    REAL(write);
    FAIL_IF(fd > 2 && fd_in_fault(fd));
    return real_write(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    REAL(pwrite);
    FAIL_IF(fd_in_fault(fd));
    return real_pwrite(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off64_t offset) {
    REAL(pwrite64);
    FAIL_IF(fd_in_fault(fd));
    return real_pwrite64(fd, buffer, count, offset);
}

int ftruncate(int fd, off_t length) {
    REAL(ftruncate);
    FAIL_IF(fd_in_fault(fd));
    return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off64_t length) {
    REAL(ftruncate64);
    FAIL_IF(fd_in_fault(fd));
    return real_ftruncate64(fd, length);
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
    REAL(fallocate);
    FAIL_IF(fd_in_fault(fd));
    return real_fallocate(fd, mode, offset, length);
}

/* open and open64: the mode argument is only there when the flags create a file. */
#define OPEN_WRAPPER(name)                                                       \
    int name(const char *path, int flags, ...) {                                 \
        REAL(name);                                                              \
        va_list arguments;                                                       \
        va_start(arguments, flags);                                              \
        mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t) va_arg(arguments, int) : 0; \
        va_end(arguments);                                                       \
        FAIL_IF(open_in_fault(path, flags));                                     \
        return real_##name(path, flags, mode);                                   \
    }

OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)
