/*
 * timchat relay: libImSDK's callbacks reach Node without making the SDK's thread wait.
 *
 * Why this exists (docs/native.md, "What limits many calls in flight"): koffi runs a callback fired on
 * a foreign thread through a *blocking* thread-safe function, so libImSDK's single logic thread sleeps
 * until the JavaScript callback has run on the main thread, and every answer costs two cross-thread
 * hand-offs serialised with the SDK's own work. Here the SDK's thread only copies the arguments into a
 * queue and returns; one byte on a socket pair wakes Node's event loop (the read end is a net.Socket),
 * and the main thread takes everything queued in one call to timchat_relay_drain.
 *
 * The SDK calls a plain C function pointer and hands back only user_data, so each JavaScript handler
 * needs a function of its own: RELAY_SLOTS trampolines per callback shape, each stamping its shape and
 * slot into the record. A slot is never reused (the SDK may still hold its pointer after the handler is
 * gone); src/native/relay.ts falls back to koffi.register when a shape runs out.
 *
 * Record layout (host byte order; every platform the extension ships on is little-endian):
 *   u32 size (of the whole record) | u8 shape | u8 slot | u16 0 | i32 a | i32 b | u32 c | u32 len3 |
 *   u64 user_data | u32 len1 | u32 len2 | bytes1 | bytes2 | bytes3   (len = 0xFFFFFFFF: a NULL string)
 * Only SHAPE_GROUP_PINNED has a third string. Every other shape leaves len3 0 and has no bytes3, so its
 * records are byte for byte those of version 1, where that word was reserved and always 0.
 * Version 3 adds SHAPE_GROUP_READ_MEMBERS (TIMMsgGroupMessageReadMemberListCallback): the member array
 * in string 1 (string 2 NULL), the uint64 next_seq split over a (low 32 bits) and b (high 32 bits), both
 * written as raw bits (so a and b together are the little-endian 64-bit integer at offset 8), and
 * is_finished in c (0 or 1). No other shape changed: every record of the shapes 0-7 is byte for byte what
 * version 2 wrote.
 * Keep RECORD_HEADER and the offsets in src/native/relayRecords.ts in step with this.
 *
 * Everything here is process-global, like the SDK's own listeners, and lives until the process ends:
 * nothing is freed or closed at exit, so a callback fired while Node tears down touches only this
 * queue and a socket (MSG_NOSIGNAL: no SIGPIPE), never a destroyed N-API object.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#if defined(__GNUC__)
#define EXPORT __attribute__((visibility("default")))
#else
#define EXPORT
#endif

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket instead */
#endif

#define RELAY_VERSION 3 /* 2: SHAPE_GROUP_PINNED and the len3 word; 3: SHAPE_GROUP_READ_MEMBERS */
#define RELAY_SLOTS 64
#define RECORD_HEADER 40
#define NULL_STRING 0xFFFFFFFFu

/* The numbers are the wire format: a new shape goes at the end. */
enum Shape {
    SHAPE_COMM,
    SHAPE_JSON,
    SHAPE_UPLOAD_PROGRESS,
    SHAPE_CONV_EVENT,
    SHAPE_COUNT,
    SHAPE_NETWORK_STATUS,
    SHAPE_SIGNAL,
    SHAPE_GROUP_PINNED,
    SHAPE_GROUP_READ_MEMBERS,
    SHAPES
};

typedef struct Record {
    struct Record *next;
    uint32_t size;
    unsigned char bytes[];
} Record;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Record *head = NULL, *tail = NULL;
static uint64_t queued_records = 0;
/* 1 from the wake-up byte until a drain empties the queue: one byte per batch, not per record. */
static int signalled = 0;
static int sockets[2] = {-1, -1};

static void put_u32(unsigned char *at, uint32_t value) { memcpy(at, &value, 4); }
static void put_i32(unsigned char *at, int32_t value) { memcpy(at, &value, 4); }

static uint32_t length_of(const char *text) { return text ? (uint32_t)strlen(text) : NULL_STRING; }

/* Queues one record; len3 is length_of(s3) for the shape with a third string, 0 (and s3 NULL) otherwise. */
static void push_record(int shape, int slot, int32_t a, int32_t b, uint32_t c, uintptr_t user_data, const char *s1, const char *s2,
                        const char *s3, uint32_t len3)
{
    uint32_t len1 = length_of(s1), len2 = length_of(s2);
    uint32_t size = RECORD_HEADER + (s1 ? len1 : 0) + (s2 ? len2 : 0) + (s3 ? len3 : 0);
    Record *record = malloc(sizeof(Record) + size);
    if (!record)
        return; /* out of memory on the SDK's thread: the request times out in JS rather than crash here */
    unsigned char *p = record->bytes;
    uint64_t data = (uint64_t)user_data;
    memset(p, 0, RECORD_HEADER);
    put_u32(p, size);
    p[4] = (unsigned char)shape;
    p[5] = (unsigned char)slot;
    put_i32(p + 8, a);
    put_i32(p + 12, b);
    put_u32(p + 16, c);
    put_u32(p + 20, len3);
    memcpy(p + 24, &data, 8);
    put_u32(p + 32, len1);
    put_u32(p + 36, len2);
    if (s1)
        memcpy(p + RECORD_HEADER, s1, len1);
    if (s2)
        memcpy(p + RECORD_HEADER + (s1 ? len1 : 0), s2, len2);
    if (s3)
        memcpy(p + RECORD_HEADER + (s1 ? len1 : 0) + (s2 ? len2 : 0), s3, len3);
    record->size = size;
    record->next = NULL;

    int wake = 0;
    pthread_mutex_lock(&lock);
    if (tail)
        tail->next = record;
    else
        head = record;
    tail = record;
    queued_records++;
    if (!signalled && sockets[1] >= 0) {
        signalled = 1;
        wake = 1;
    }
    pthread_mutex_unlock(&lock);
    if (wake) {
        /* Non-blocking: if the socket buffer were full, a byte is already waiting to be read. */
        ssize_t ignored = send(sockets[1], "r", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void)ignored;
    }
}

/* A record of at most two strings: len3 stays 0, as in version 1. */
static void push(int shape, int slot, int32_t a, int32_t b, uint32_t c, uintptr_t user_data, const char *s1, const char *s2)
{
    push_record(shape, slot, a, b, c, user_data, s1, s2, NULL, 0);
}

/* One trampoline per (shape, slot), stamped out by the preprocessor. */
#define SLOT_LIST(X) \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) \
    X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) \
    X(32) X(33) X(34) X(35) X(36) X(37) X(38) X(39) X(40) X(41) X(42) X(43) X(44) X(45) X(46) X(47) \
    X(48) X(49) X(50) X(51) X(52) X(53) X(54) X(55) X(56) X(57) X(58) X(59) X(60) X(61) X(62) X(63)

/* TIMCommCallback(int32 code, const char* desc, const char* json_params, const void* user_data) */
#define COMM(n) static void comm_##n(int32_t code, const char *desc, const char *json, uintptr_t ud) \
    { push(SHAPE_COMM, n, code, 0, 0, ud, desc, json); }
/* RecvNewMsg, MsgUpdate, MsgRevoke, MsgReadedReceipt: (const char* json, const void* user_data) */
#define JSON(n) static void json_##n(const char *json, uintptr_t ud) { push(SHAPE_JSON, n, 0, 0, 0, ud, json, NULL); }
/* TIMMsgElemUploadProgressCallback(json_msg, uint32 index, uint32 cur_size, uint32 total_size, user_data) */
#define UPLOAD(n) static void upload_##n(const char *json, uint32_t index, uint32_t cur, uint32_t total, uintptr_t ud) \
    { push(SHAPE_UPLOAD_PROGRESS, n, (int32_t)index, (int32_t)cur, total, ud, json, NULL); }
/* TIMConvEventCallback(TIMConvEvent conv_event, const char* json_conv_array, user_data) */
#define CONV(n) static void conv_##n(int event, const char *json, uintptr_t ud) { push(SHAPE_CONV_EVENT, n, event, 0, 0, ud, json, NULL); }
/* TIMConvTotalUnreadMessageCountChangedCallback(int total_unread_count, user_data) */
#define COUNT(n) static void count_##n(int total, uintptr_t ud) { push(SHAPE_COUNT, n, total, 0, 0, ud, NULL, NULL); }
/* TIMNetworkStatusListenerCallback(TIMNetworkStatus status, int32 code, const char* desc, user_data) */
#define NETWORK(n) static void network_##n(int status, int32_t code, const char *desc, uintptr_t ud) \
    { push(SHAPE_NETWORK_STATUS, n, status, code, 0, ud, desc, NULL); }
/* TIMKickedOfflineCallback, TIMUserSigExpiredCallback: (const void* user_data) */
#define SIGNAL(n) static void signal_##n(uintptr_t ud) { push(SHAPE_SIGNAL, n, 0, 0, 0, ud, NULL, NULL); }
/* TIMMsgGroupPinnedMessageChangedCallback(group_id, json_msg, bool is_pinned, op_user, user_data): a = is_pinned */
#define PINNED(n) static void pinned_##n(const char *group_id, const char *json, bool is_pinned, const char *op_user, uintptr_t ud) \
    { push_record(SHAPE_GROUP_PINNED, n, is_pinned ? 1 : 0, 0, 0, ud, group_id, json, op_user, length_of(op_user)); }
/* TIMMsgGroupMessageReadMemberListCallback(json_group_member_array, uint64 next_seq, bool is_finished, user_data):
 * a = the low 32 bits of next_seq, b = the high 32 bits (bit patterns), c = is_finished */
#define READ_MEMBERS(n) static void read_members_##n(const char *json, uint64_t next_seq, bool is_finished, uintptr_t ud) \
    { push(SHAPE_GROUP_READ_MEMBERS, n, (int32_t)(uint32_t)next_seq, (int32_t)(uint32_t)(next_seq >> 32), is_finished ? 1 : 0, ud, json, NULL); }

SLOT_LIST(COMM)
SLOT_LIST(JSON)
SLOT_LIST(UPLOAD)
SLOT_LIST(CONV)
SLOT_LIST(COUNT)
SLOT_LIST(NETWORK)
SLOT_LIST(SIGNAL)
SLOT_LIST(PINNED)
SLOT_LIST(READ_MEMBERS)

#define ENTRY(prefix, n) (void *)prefix##_##n,
#define COMM_ENTRY(n) ENTRY(comm, n)
#define JSON_ENTRY(n) ENTRY(json, n)
#define UPLOAD_ENTRY(n) ENTRY(upload, n)
#define CONV_ENTRY(n) ENTRY(conv, n)
#define COUNT_ENTRY(n) ENTRY(count, n)
#define NETWORK_ENTRY(n) ENTRY(network, n)
#define SIGNAL_ENTRY(n) ENTRY(signal, n)
#define PINNED_ENTRY(n) ENTRY(pinned, n)
#define READ_MEMBERS_ENTRY(n) ENTRY(read_members, n)

static void *const trampolines[SHAPES][RELAY_SLOTS] = {
    {SLOT_LIST(COMM_ENTRY)},  {SLOT_LIST(JSON_ENTRY)},    {SLOT_LIST(UPLOAD_ENTRY)}, {SLOT_LIST(CONV_ENTRY)},
    {SLOT_LIST(COUNT_ENTRY)}, {SLOT_LIST(NETWORK_ENTRY)}, {SLOT_LIST(SIGNAL_ENTRY)}, {SLOT_LIST(PINNED_ENTRY)},
    {SLOT_LIST(READ_MEMBERS_ENTRY)},
};

/* The layout version, so a stale build is refused rather than misread. */
EXPORT int timchat_relay_version(void) { return RELAY_VERSION; }

EXPORT int timchat_relay_slots(void) { return RELAY_SLOTS; }

/* The function pointer to hand the SDK for (shape, slot), or NULL when out of range. */
EXPORT void *timchat_relay_trampoline(int shape, int slot)
{
    if (shape < 0 || shape >= SHAPES || slot < 0 || slot >= RELAY_SLOTS)
        return NULL;
    return trampolines[shape][slot];
}

/*
 * The read end of the wake-up socket pair, created on the first call (the same fd afterwards), or
 * -errno. Records pushed before this call are kept and announced now.
 */
EXPORT int timchat_relay_open(void)
{
    int wake = 0, result;
    pthread_mutex_lock(&lock);
    if (sockets[0] < 0) {
        int pair[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
            result = -errno;
            pthread_mutex_unlock(&lock);
            return result;
        }
        fcntl(pair[0], F_SETFD, FD_CLOEXEC);
        fcntl(pair[1], F_SETFD, FD_CLOEXEC);
        fcntl(pair[1], F_SETFL, fcntl(pair[1], F_GETFL) | O_NONBLOCK);
#ifdef SO_NOSIGPIPE
        int on = 1;
        setsockopt(pair[1], SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof(on));
#endif
        sockets[0] = pair[0];
        sockets[1] = pair[1];
        if (head && !signalled) {
            signalled = 1;
            wake = 1;
        }
    }
    result = sockets[0];
    pthread_mutex_unlock(&lock);
    if (wake) {
        ssize_t ignored = send(sockets[1], "r", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void)ignored;
    }
    return result;
}

/*
 * Moves queued records, oldest first, into `buffer` and returns the bytes written: 0 when the queue is
 * empty (the next record will send a new wake-up byte), or minus the size of the oldest record when it
 * alone does not fit (grow the buffer and call again). Called only from Node's main thread.
 */
EXPORT int32_t timchat_relay_drain(unsigned char *buffer, int32_t capacity)
{
    int32_t used = 0;
    Record *taken = NULL, *last = NULL;
    pthread_mutex_lock(&lock);
    while (head && used + (int64_t)head->size <= capacity) {
        Record *record = head;
        head = record->next;
        used += (int32_t)record->size;
        queued_records--;
        record->next = NULL;
        if (last)
            last->next = record;
        else
            taken = record;
        last = record;
    }
    if (!head) {
        tail = NULL;
        signalled = 0;
    }
    int32_t oversized = (used == 0 && head) ? -(int32_t)head->size : 0;
    pthread_mutex_unlock(&lock);
    /* Copy outside the lock so the SDK's thread never waits for it. */
    int32_t at = 0;
    while (taken) {
        Record *next = taken->next;
        memcpy(buffer + at, taken->bytes, taken->size);
        at += (int32_t)taken->size;
        free(taken);
        taken = next;
    }
    return used ? used : oversized;
}

/* Records waiting to be drained (tests use it to prove nothing is left behind). */
EXPORT uint64_t timchat_relay_queued(void)
{
    pthread_mutex_lock(&lock);
    uint64_t count = queued_records;
    pthread_mutex_unlock(&lock);
    return count;
}
