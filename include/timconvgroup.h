/*
 * timconvgroup.h — conversation list and conversation groups (会话分组) of the Tencent Cloud IM
 * native C API, on a local SQLite cache, with no server.
 *
 * Names, signatures, enum values and JSON keys are those of the Tencent IM SDK 8.x C headers
 * (TIMCloudDef.h, TIMManager.h, TIMConversationManager.h), so code written for that API compiles
 * against this header unchanged. Two functions are extensions and say so: TIMDispatchCallbacks
 * and TIMConvUpsertConversations. This header is the behaviour contract: the calling model
 * below applies to every function, and each function's comment gives its codes and events.
 *
 * ---------------------------------------------------------------------------------------------
 * Calling model (applies to every function below)
 * ---------------------------------------------------------------------------------------------
 * - Every function is safe to call from any thread, concurrently, also from inside a callback.
 * - A function that takes (TIMCommCallback cb, const void* user_data) returns a TIMResult at once:
 *     TIM_SUCC           accepted: cb, when not NULL, is called exactly once, later, on a callback
 *                        thread (see "Threads"); its code is 0 or one of the TIMErrCode values.
 *     anything else      rejected: no callback will ever come for this call.
 *   Synchronous rejections are checked in this order:
 *     TIM_ERR_SDKUNINIT  (-1) TIMInit has not been called, or TIMUninit has;
 *     TIM_ERR_NOTLOGIN   (-2) a conversation call while not logged in (a TIMLogin that was
 *                        accepted counts as logged in for the calls accepted after it);
 *     TIM_ERR_PARAM      (-4) a required pointer argument is NULL;
 *     TIM_ERR_JSON       (-3) a JSON argument does not parse or has the wrong shape (an ID array
 *                        that is not an array of strings, a filter that is not an object, ...).
 *   Everything else (bad values, unknown conversations, limits, storage) is reported through the
 *   callback's code.
 * - Ownership: every input string is copied before the function returns; the caller keeps
 *   ownership. Every string handed to a callback is borrowed: valid only during that call, owned
 *   by the library; copy what you keep. user_data is handed back untouched, never dereferenced.
 * - All strings are UTF-8. A name or ID that is not valid UTF-8 is a parameter error (6017).
 *   Unknown JSON keys are ignored. uint64 values are JSON integers, exact up to 2^64-1.
 * - Operations run in the order they were accepted (one FIFO per process). A call made after
 *   another call returned sees that call's effects.
 *
 * ---------------------------------------------------------------------------------------------
 * Threads ("callback thread")
 * ---------------------------------------------------------------------------------------------
 * All callbacks of the process — per-call TIMCommCallbacks, listeners and the log callback — are
 * delivered one at a time, in commit order, never concurrently. The listener events an operation
 * causes are delivered before that operation's own callback. Which thread runs them is chosen by
 * the TIMInit config key "sdk_config_dispatch_mode":
 *   "library" (default)  one thread that the library creates (a plain pthread, never a Go runtime
 *                        thread) and that TIMUninit joins. Safe for Mono/IL2CPP hosts.
 *   "host"               callbacks are queued; they run on whatever host thread calls
 *                        TIMDispatchCallbacks (a game's main loop, or a binding's own thread).
 * A callback may call any function of this library. TIMUninit called from inside a callback is
 * refused (TIM_ERR_PARAM) rather than deadlocking.
 *
 * Where a call executes. A call may execute before it returns, on the calling thread, when the
 * library is idle (no earlier call is still queued or running) and the call is short and
 * bounded: a page of at most 100 conversations that the list's indexes find directly (no filter,
 * or one of conversation type, has_unread_count true, a mark; or a named conversation group),
 * the group list and every group call, a call on at most 100 conversations (get info, create,
 * delete, pin, mark, custom data, clean the unread count of one conversation, drafts), an upsert
 * of at most 100 items, the total unread count, and the synchronous calls. Every other call (the
 * whole list, bigger pages and upserts, other filters, unread totals by filter, login, logout,
 * sync) executes on the library's worker thread, so a game's main thread is never held for long.
 * Either way calls execute one at a time in the order they were accepted, and the callback still
 * arrives on the callback thread (or through TIMDispatchCallbacks), never inside the call. In
 * host mode a call made right before TIMDispatchCallbacks therefore usually has its callback
 * ready: the round trip needs no thread hand-off at all.
 *
 * ---------------------------------------------------------------------------------------------
 * Process rules
 * ---------------------------------------------------------------------------------------------
 * - One copy of this library per process (it embeds a Go runtime; two Go runtimes in one process
 *   are not supported). The library cannot be unloaded (dlclose is a no-op).
 * - Do not fork() a process that has loaded the library unless the child immediately exec()s: the
 *   Go runtime does not survive fork without exec. (Python: use the "spawn" start method.)
 * - A process may exit without calling TIMUninit; acknowledged writes are already on disk.
 * - Signals: the embedded Go runtime installs handlers (with SA_ONSTACK and SA_RESTART) for
 *   SIGURG, SIGPIPE and the synchronous faults, and may deliver SIGURG (goroutine preemption) to
 *   a host thread shortly after it called into the library. Calls that SA_RESTART does not
 *   restart (sem_wait, nanosleep, poll, ...) can then return EINTR: retry them, as POSIX code
 *   should. Any signal handler the host installs must use SA_ONSTACK (a Go requirement).
 * - Hosts whose garbage collector stops the world with signals (Mono's preemptive suspend, the
 *   Boehm GC of Unity Mono and IL2CPP) are supported: a thread's first call into the library
 *   waits, if it must, with its signals deliverable, so the collector can always stop it.
 * - Exported names: TIM* and callExperimentalAPI (Tencent's name; see the last section).
 * - The library never calls exit(), never aborts on bad input, and recovers internal panics at
 *   the boundary (reported as 6019 in the callback, or TIM_ERR_PARAM synchronously).
 * - No other symbol is exported (the embedded SQLite is hidden). soname libtimconvgroup.so.1.
 * - Windows (timconvgroup.dll, x64): needs Windows 10 or later (the Go runtime loads
 *   bcryptprimitives.dll) and no other DLL beside it. The signal and fork rules above do not
 *   apply; the DLL cannot be unloaded either (FreeLibrary leaves it loaded). Folders are created
 *   as 0700 and files as 0600 on POSIX systems; Windows has no such modes (only read-only), so
 *   privacy comes from the data folder's ACL: keep it inside the user's profile (for example
 *   Unity's Application.persistentDataPath or %LOCALAPPDATA%). Paths are UTF-8, as everywhere.
 *   The cache lock (one process per user cache) holds across processes there too.
 */
#ifndef TIMCONVGROUP_H_
#define TIMCONVGROUP_H_

#include <stdint.h>
#ifndef __cplusplus
#include <stdbool.h>
#endif

#if defined(_WIN32)
#  if defined(TIMCONVGROUP_BUILD)
#    define TIM_API __declspec(dllexport)
#  else
#    define TIM_API __declspec(dllimport)
#  endif
#else
#  define TIM_API __attribute__((visibility("default")))
#endif
/* Tencent's headers declare their functions with TIM_DECL; code that does too compiles here. */
#define TIM_DECL TIM_API

#if defined(__GNUC__) || defined(__clang__)
#  define TIM_JSON_KEY __attribute__((unused)) static const char*
#else
#  define TIM_JSON_KEY static const char*
#endif

/** Version of this library, also returned by TIMGetSDKVersion(). */
#define TIMCONVGROUP_VERSION "1.0.0"
#define TIMCONVGROUP_VERSION_MAJOR 1

#ifdef __cplusplus
extern "C" {
#endif

/* =========================================================================================== */
/*  1. Enums and result codes                                                                   */
/* =========================================================================================== */

/** Synchronous return value of every function that returns int (except counts). */
enum TIMResult {
    TIM_SUCC = 0,           /**< accepted (or, for synchronous functions, done) */
    TIM_ERR_SDKUNINIT = -1, /**< TIMInit not called, or TIMUninit called */
    TIM_ERR_NOTLOGIN = -2,  /**< conversation call while not logged in */
    TIM_ERR_JSON = -3,      /**< JSON argument does not parse or has the wrong shape */
    TIM_ERR_PARAM = -4,     /**< required pointer argument is NULL, or call not allowed here */
    TIM_ERR_CONV = -5,      /**< conversation does not exist (synchronous draft calls) */
    TIM_ERR_GROUP = -6,     /**< reserved (Tencent value; not returned by this library) */
};

/** Codes delivered in a callback's `code` (Tencent TIMErrCode values). */
enum TIMErrCode {
    ERR_SUCC = 0,
    ERR_INVALID_CONVERSATION = 6004,                          /**< conversation does not exist */
    ERR_SDK_NOT_INITIALIZED = 6013,                           /**< not initialised (callback form) */
    ERR_SDK_NOT_LOGGED_IN = 6014,                             /**< not logged in (callback form) */
    ERR_INVALID_PARAMETERS = 6017,                            /**< invalid parameter */
    ERR_DATABASE_OPERATE_FAILED = 6019,                       /**< cache could not be read or written */
    ERR_IO_OPERATION_FAILED = 6022,                           /**< data folder unusable, cache held by another process */
    ERR_SDK_INTERFACE_NOT_SUPPORT = 7013,                     /**< entry point of a module this library does not implement (last section) */
    ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT = 51006,    /**< more than 100 conversations in one call */
    ERR_SVR_CONV_CONV_MARK_OPERATE_FAILED = 51007,            /**< Tencent's server-side failure of a group/mark operation; never delivered by this library */
    ERR_SVR_CONV_CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT = 51008,  /**< 1000 members of a group, or 1000 conversations with extended state */
    ERR_SVR_CONV_CONV_GROUP_NOT_EXIST = 51009,                /**< conversation group does not exist */
    ERR_SVR_CONV_CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT = 51010, /**< more than 20 conversation groups */
    ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH = 51011,       /**< group name longer than 32 bytes */
    ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS = 51012,      /**< extension: a group with that name already exists */
};

/** Conversation type. In ID arrays a conversation is "c2c_<userID>" or "group_<groupID>". */
enum TIMConvType {
    kTIMConv_Invalid = 0,
    kTIMConv_C2C = 1,
    kTIMConv_Group = 2,
    kTIMConv_System = 3, /**< deprecated; rejected with 6017 */
};

/** Conversation events (TIMConvEventCallback). For Start and Finish the JSON is "". */
enum TIMConvEvent {
    kTIMConvEvent_Add = 0,    /**< new conversations (array of ConvInfo) */
    kTIMConvEvent_Del = 1,    /**< deleted conversations (array of ConvInfo as they were) */
    kTIMConvEvent_Update = 2, /**< changed conversations (array of ConvInfo) */
    kTIMConvEvent_Start = 3,  /**< login started loading the cache */
    kTIMConvEvent_Finish = 4, /**< login finished loading the cache */
};

/** Built-in conversation marks. Custom marks are single bits 1ULL<<n with 32 <= n < 64. */
enum TIMConversationMarkType {
    kTIMConversationMarkTypeStar = 0x1,
    kTIMConversationMarkTypeUnread = 0x1 << 1,
    kTIMConversationMarkTypeFold = 0x1 << 2,
    kTIMConversationMarkTypeHide = 0x1 << 3,
};

/** Group @ types (conv_group_at_info_at_type). */
enum TIMGroupAtType {
    kTIMGroup_At_Me = 1,
    kTIMGroup_At_All,
    kTIMGroup_At_All_At_ME,
};

/** Receive option (conv_recv_opt). Conversations with 1, 2 or 3 do not count in unread totals. */
enum TIMReceiveMessageOpt {
    kTIMRecvMsgOpt_Receive = 0,
    kTIMRecvMsgOpt_Not_Receive,
    kTIMRecvMsgOpt_Not_Notify,
    kTIMRecvMsgOpt_Not_Notify_Except_At,
    kTIMRecvMsgOpt_Not_Receive_Except_At,
};

/** TIMGetLoginStatus() values. This library reports only Logined and UnLogined. */
enum TIMLoginStatus {
    kTIMLoginStatus_Logined = 1,
    kTIMLoginStatus_Logining = 2,
    kTIMLoginStatus_UnLogined = 3,
    kTIMLoginStatus_Logouting = 4,
};

/** Log levels (TIMLogCallback). */
enum TIMLogLevel {
    kTIMLog_Off,
    kTIMLog_Test,
    kTIMLog_Verbose,
    kTIMLog_Debug,
    kTIMLog_Info,
    kTIMLog_Warn,
    kTIMLog_Error,
    kTIMLog_Assert,
};

/* =========================================================================================== */
/*  2. Callback types                                                                            */
/* =========================================================================================== */

/**
 * Result of one accepted call. `desc` is "" on success, else a short English sentence naming the
 * offending value; `json_params` is the call's result JSON ("" when it has none). Both borrowed.
 */
typedef void (*TIMCommCallback)(int32_t code, const char* desc, const char* json_params, const void* user_data);

/** Log line (borrowed). Delivered on the callback thread like every other callback. */
typedef void (*TIMLogCallback)(enum TIMLogLevel level, const char* log, const void* user_data);

/** Conversation event: json_conv_array is a JSON array of ConvInfo ("" for Start/Finish). */
typedef void (*TIMConvEventCallback)(enum TIMConvEvent conv_event, const char* json_conv_array, const void* user_data);

/** Total unread count changed (conversations with recv opt 1, 2, 3 excluded; the exact sum, clamped to 2147483647, never wrapped). */
typedef void (*TIMConvTotalUnreadMessageCountChangedCallback)(int total_unread_count, const void* user_data);

/**
 * Unread total of a subscribed filter changed (clamped to 2147483647). `filter` is the subscription's
 * filter in one fixed form, whatever text subscribed it: always conversation_list_filter_conv_type
 * (0 = any type), conversation_list_filter_mark_type (null = any) and
 * conversation_list_filter_conversation_group (null = any, "" = in no group), then
 * conversation_list_filter_has_unread_count and conversation_list_filter_has_group_at_info only when
 * the filter sets them; in that order, no spaces, e.g.
 * {"conversation_list_filter_conv_type":1,"conversation_list_filter_mark_type":null,"conversation_list_filter_conversation_group":null}
 * Match it to your subscription by its values (see TIMConvSubscribeUnreadMessageCountByFilter), or
 * compare it with the same form built from your filter.
 */
typedef void (*TIMConvTotalUnreadMessageCountChangedByFilterCallback)(const char* filter, int total_unread_count, const void* user_data);

/** A conversation group was created; conversation_array: ConvInfo array of its initial members (may be "[]"). */
typedef void (*TIMConvConversationGroupCreatedCallback)(const char* group_name, const char* conversation_array, const void* user_data);

/** A conversation group was deleted (its conversations are kept). */
typedef void (*TIMConvConversationGroupDeletedCallback)(const char* group_name, const void* user_data);

/** A conversation group was renamed. */
typedef void (*TIMConvConversationGroupNameChangedCallback)(const char* old_name, const char* new_name, const void* user_data);

/** Conversations were added to a group; conversation_array: ConvInfo array of those actually added (never empty). */
typedef void (*TIMConvConversationsAddedToGroupCallback)(const char* group_name, const char* conversation_array, const void* user_data);

/**
 * Conversations left a group (SDK 8.x shape, with `reason`); conversation_array: ConvInfo array of
 * those actually removed (never empty). reason 0: removed by a call (TIMConvDeleteConversationsFromGroup,
 * TIMConvDelete, TIMConvDeleteConversationList). reason 1 (eviction) never happens here: a full
 * group refuses new members with 51008 instead.
 */
typedef void (*TIMConvConversationsDeletedFromGroupCallback)(const char* group_name, const char* conversation_array, uint32_t reason, const void* user_data);

/* =========================================================================================== */
/*  3. Lifecycle                                                                                 */
/* =========================================================================================== */

/**
 * Initialises the library.
 * @param sdk_app_id      any value; it names a folder under the data directory.
 * @param json_sdk_config JSON object (copied); NULL or "" takes every default, like "{}":
 *   "sdk_config_config_file_path"  string: data directory, created (0700) if missing. Absent,
 *                                  null or "": the per-user application-data folder
 *                                  "timconvgroup" of the platform:
 *                                    Linux and other Unix: $XDG_DATA_HOME/timconvgroup when
 *                                      XDG_DATA_HOME is an absolute path, else
 *                                      $HOME/.local/share/timconvgroup;
 *                                    macOS: $HOME/Library/Application Support/timconvgroup;
 *                                    Windows: %LOCALAPPDATA%\timconvgroup;
 *   "sdk_config_log_file_path"     string, optional: folder for timconvgroup.log;
 *   "sdk_config_dispatch_mode"     "library" (default) or "host" (see "Threads");
 *   "sdk_config_durability"        "normal" (default: an acknowledged write survives kill -9) or
 *                                  "full" (each commit is synced: it also survives power loss).
 * @return TIM_SUCC; TIM_SUCC and no change when already initialised; TIM_ERR_JSON when the config
 *   (other than NULL or "") does not parse, is not an object, or a key has the wrong type or an
 *   unknown value; TIM_ERR_PARAM when the data directory cannot be created (or, for the default,
 *   the environment variable it is built from is unset).
 * Thread: any. After TIMUninit, TIMInit starts afresh (listeners must be set again).
 */
TIM_API int TIMInit(uint64_t sdk_app_id, const char* json_sdk_config);

/**
 * Completes every accepted operation, delivers every pending callback (library mode: on the
 * callback thread, which is then joined; host mode: on the calling thread), closes the cache and
 * clears every listener. After it returns no callback fires and calls return TIM_ERR_SDKUNINIT.
 * @return TIM_SUCC (also when not initialised); TIM_ERR_PARAM when called from inside a callback.
 */
TIM_API int TIMUninit(void);

/** @return the library version, a static string ("1.0.0"); never NULL, never freed. */
TIM_API const char* TIMGetSDKVersion(void);

/**
 * Sets (replaces) the log callback; NULL clears it. Lines arrive on the callback thread.
 * May be called before TIMInit; cleared by TIMUninit.
 */
TIM_API void TIMSetLogCallback(TIMLogCallback cb, const void* user_data);

/**
 * Extension (host dispatch mode). Runs the callbacks that are ready, on the calling thread.
 * Waits up to timeout_ms for the first one (0: don't wait; -1: wait until one arrives or the
 * library is uninitialised), then runs every one that is ready without waiting further.
 * Calls from several threads are serialised (one runs callbacks at a time); a call from inside
 * a callback on the same thread (a nested wait, e.g. a binding's blocking call made inside a
 * listener) runs the next callbacks in order before returning.
 * @return how many callbacks it ran (>= 0); TIM_ERR_SDKUNINIT when not initialised, or while
 *   TIMUninit runs (TIMUninit delivers what is left on its own thread; a nested call from inside
 *   a callback keeps running callbacks until none is left); TIM_ERR_PARAM in library mode.
 */
TIM_API int TIMDispatchCallbacks(int32_t timeout_ms);

/**
 * Logs in: opens (creating if needed) the user's cache <data dir>/<sdk_app_id>/<encoded user_id>/,
 * then fires kTIMConvEvent_Start and kTIMConvEvent_Finish (json ""), then cb.
 * @param user_id  1..128 bytes of UTF-8, any bytes otherwise (the folder name is encoded).
 * @param user_sig non-empty; not verified (there is no server).
 * Codes: 0; 6017 bad user_id/user_sig, or logged in as another user (log out first); 6019 cache
 *   corrupt or from a newer schema (left untouched); 6022 data folder unusable, or the cache is
 *   held by another process. Logging in as the logged-in user succeeds and changes nothing.
 * @return TIM_SUCC; TIM_ERR_SDKUNINIT; TIM_ERR_PARAM when user_id or user_sig is NULL.
 */
TIM_API int TIMLogin(const char* user_id, const char* user_sig, TIMCommCallback cb, const void* user_data);

/**
 * Logs out: closes the cache (releasing its lock), drops filter subscriptions and paging cursors.
 * Succeeds (code 0) also when not logged in. @return TIM_SUCC; TIM_ERR_SDKUNINIT.
 */
TIM_API int TIMLogout(TIMCommCallback cb, const void* user_data);

/**
 * @return kTIMLoginStatus_Logined (1) or kTIMLoginStatus_UnLogined (3), as of every call accepted
 *   before this one (waits for them); kTIMLoginStatus_UnLogined when not initialised.
 */
TIM_API enum TIMLoginStatus TIMGetLoginStatus(void);

/**
 * Copies the logged-in user ID, NUL-terminated, into user_id_buffer, the caller's buffer of 128
 * bytes (the Tencent contract): never more than 128 bytes are written, NUL included.
 * @return TIM_SUCC; TIM_ERR_SDKUNINIT; TIM_ERR_NOTLOGIN (buffer set to ""); TIM_ERR_PARAM when
 *   user_id_buffer is NULL, or when the ID is 128 bytes long and so cannot fit with its NUL
 *   (buffer set to ""; the ID is the one the application passed to TIMLogin).
 */
TIM_API int TIMGetLoginUserID(char* user_id_buffer);

/* =========================================================================================== */
/*  4. Listeners                                                                                 */
/*  Each setter replaces the previous listener of its kind; NULL clears it. They may be called   */
/*  before TIMInit and from any thread; TIMUninit clears them all. Once a setter has returned,   */
/*  the previous function is not called again (except a call already running).                  */
/* =========================================================================================== */

/** Conversation events: Add/Update (ConvInfo after), Del (ConvInfo as it was), Start/Finish (""). */
TIM_API void TIMSetConvEventCallback(TIMConvEventCallback cb, const void* user_data);
/** Total unread count changed (fires whenever it changes, after the operation that changed it). */
TIM_API void TIMSetConvTotalUnreadMessageCountChangedCallback(TIMConvTotalUnreadMessageCountChangedCallback cb, const void* user_data);
/** Unread total of a subscribed filter changed (one call per subscribed filter whose total changed). */
TIM_API void TIMSetConvUnreadMessageCountChangedByFilterCallback(TIMConvTotalUnreadMessageCountChangedByFilterCallback cb, const void* user_data);
/** Group created. */
TIM_API void TIMSetConvConversationGroupCreatedCallback(TIMConvConversationGroupCreatedCallback cb, const void* user_data);
/** Group deleted. */
TIM_API void TIMSetConvConversationGroupDeletedCallback(TIMConvConversationGroupDeletedCallback cb, const void* user_data);
/** Group renamed (not fired when the new name equals the old one). */
TIM_API void TIMSetConvConversationGroupNameChangedCallback(TIMConvConversationGroupNameChangedCallback cb, const void* user_data);
/** Conversations added to a group (not fired when none was actually added). */
TIM_API void TIMSetConvConversationsAddedToGroupCallback(TIMConvConversationsAddedToGroupCallback cb, const void* user_data);
/** Conversations removed from a group (not fired when none was actually removed). */
TIM_API void TIMSetConvConversationsDeletedFromGroupCallback(TIMConvConversationsDeletedFromGroupCallback cb, const void* user_data);

/* =========================================================================================== */
/*  5. Conversations                                                                             */
/*  All return TIM_SUCC, TIM_ERR_SDKUNINIT, TIM_ERR_NOTLOGIN, TIM_ERR_PARAM or TIM_ERR_JSON as    */
/*  described in "Calling model"; codes below are callback codes. "ID array" is a JSON array of   */
/*  conversation IDs ("c2c_<id>" / "group_<id>", bare id 1..128 bytes of UTF-8); per-item results */
/*  are a JSON array of TIMConversationOperationResult, one per input ID, in input order.         */
/* =========================================================================================== */

/**
 * Extension: the host's message layer feeds conversations (add or update).
 * @param json_conv_array JSON array (up to 10,000 items) of ConvInfo objects. Required per item:
 *   conv_id (bare ID) and conv_type (1 or 2). Optional: conv_show_name, conv_face_url,
 *   conv_unread_num, conv_active_time, conv_last_msg (any JSON object, kept as is; null clears),
 *   conv_draft, conv_recv_opt, conv_group_type, conv_group_at_info_array, conv_c2c_read_timestamp,
 *   conv_group_read_sequence (unsigned 64-bit; kept and handed back in every ConvInfo, where they
 *   appear when not 0). Pins, marks, custom data and groups have their own calls and are ignored
 *   here. Keys absent on an update keep their value.
 * Callback json: per-item results (conversation IDs in "c2c_"/"group_" form). Item codes: 0 or
 *   6017 (item not an object, bad conv_id/conv_type, or a key of the wrong type). Call codes: 0;
 *   6017 more than 10,000 items; 6019.
 * Events: kTIMConvEvent_Add for new conversations, kTIMConvEvent_Update for changed ones; an
 *   unchanged conversation fires nothing.
 */
TIM_API int TIMConvUpsertConversations(const char* json_conv_array, TIMCommCallback cb, const void* user_data);

/** All conversations (pinned first, then conv_active_time descending). Callback json: ConvInfo array. */
TIM_API int TIMConvGetConvList(TIMCommCallback cb, const void* user_data);

/**
 * Deprecated in Tencent's header, kept for code that still calls it: gets a conversation, creating
 * it (with only its ID and type, like TIMConvUpsertConversations of {conv_id, conv_type}) when the
 * cache does not have it. conv_id is the bare ID.
 * Callback json: the ConvInfo. Codes: 0; 6017 bad conv_id or conv_type; 6019.
 * Events: kTIMConvEvent_Add when it was created.
 */
TIM_API int TIMConvCreate(const char* conv_id, enum TIMConvType conv_type, TIMCommCallback cb, const void* user_data);

/**
 * Conversations by ID. @param json_get_conv_list_param JSON array of objects with
 * get_conversation_list_param_conv_id (bare ID) and get_conversation_list_param_conv_type.
 * Callback json: ConvInfo array of those that exist, in input order. Codes: 0; 6017 (an item
 * malformed).
 */
TIM_API int TIMConvGetConvInfo(const char* json_get_conv_list_param, TIMCommCallback cb, const void* user_data);

/**
 * Deletes one conversation (bare conv_id). It leaves every group (deleted-from-group listener,
 * reason 0, per group), then kTIMConvEvent_Del fires with its ConvInfo as it was.
 * Codes: 0; 6004 unknown; 6017 malformed ID or conv_type. Callback json "".
 */
TIM_API int TIMConvDelete(const char* conv_id, enum TIMConvType conv_type, TIMCommCallback cb, const void* user_data);

/**
 * Deletes up to 100 conversations (ID array); clear_message is accepted and has no further
 * effect (there are no messages here). Call codes: 0; 6017 empty array; 51006 more than 100.
 * Item codes: 0; 6017 malformed; 6004 unknown. Events as TIMConvDelete.
 */
TIM_API int TIMConvDeleteConversationList(const char* conversation_id_array, bool clear_message, TIMCommCallback cb, const void* user_data);

/**
 * Sets the draft of a conversation (bare conv_id). Synchronous: returns when stored.
 * @param json_draft_param object with draft_msg (object, kept as is), draft_user_define (string),
 *   draft_edit_time (uint64; the current time when absent).
 * @return TIM_SUCC; TIM_ERR_SDKUNINIT; TIM_ERR_NOTLOGIN; TIM_ERR_PARAM (NULL, malformed conv_id
 *   or conv_type, storage failure); TIM_ERR_JSON; TIM_ERR_CONV (unknown conversation).
 * Event: kTIMConvEvent_Update when the ConvInfo changed.
 */
TIM_API int TIMConvSetDraft(const char* conv_id, enum TIMConvType conv_type, const char* json_draft_param);

/** Removes the draft of a conversation. Synchronous; returns as TIMConvSetDraft. Event Update. */
TIM_API int TIMConvCancelDraft(const char* conv_id, enum TIMConvType conv_type);

/**
 * Sets custom data (<= 256 bytes of UTF-8; "" clears) on up to 100 conversations.
 * Call codes: 0; 6017 empty array, custom_data over 256 bytes or not UTF-8; 51006 more than 100.
 * Item codes: 0; 6017; 6004; 51008 extended-state budget (1000 conversations) full.
 */
TIM_API int TIMConvSetConversationCustomData(const char* conversation_id_array, const char* custom_data, TIMCommCallback cb, const void* user_data);

/**
 * Pins or unpins a conversation (bare conv_id). Pinned conversations list first.
 * Codes: 0 (also when already in that state: no event); 6004; 6017. Callback json "".
 */
TIM_API int TIMConvPinConversation(const char* conv_id, enum TIMConvType conv_type, bool is_pinned, TIMCommCallback cb, const void* user_data);

/**
 * Sets (enable_mark true) or clears marks on up to 100 conversations. mark_type: any OR of the
 * built-in marks (bits 0..3) and custom bits 32..63. Call codes: 0; 6017 mark_type 0 or with a
 * bit in 4..31, or empty array; 51006 more than 100. Item codes: 0; 6017; 6004; 51008 budget full.
 * conv_mark_array lists each set bit as a single-bit value, ascending.
 */
TIM_API int TIMConvMarkConversation(const char* conversation_id_array, uint64_t mark_type, bool enable_mark, TIMCommCallback cb, const void* user_data);

/**
 * Total unread count. Callback json: {"conv_get_total_unread_message_count_result_unread_count": N}.
 * Conversations with recv opt 1, 2 or 3 do not count.
 */
TIM_API int TIMConvGetTotalUnreadMessageCount(TIMCommCallback cb, const void* user_data);

/**
 * Unread total of the conversations a filter selects (TIMConversationListFilter keys; NULL or
 * "{}" = all; "" is not JSON: TIM_ERR_JSON). Callback json as TIMConvGetTotalUnreadMessageCount.
 * Codes: 0; 6017 bad value (conv_type not 0, 1 or 2; a group name that is not UTF-8).
 */
TIM_API int TIMConvGetUnreadMessageCountByFilter(const char* filter, TIMCommCallback cb, const void* user_data);

/**
 * Subscribes to the unread total of a filter (NULL = all); changes arrive through the by-filter
 * listener. Two filters are the same subscription when they select by the same values: key order,
 * spaces and unknown keys do not matter, and an absent key, null, and conv_type 0 all mean "any"
 * (mark_type 0 and group "" are values: no mark, in no group). Subscribing again to the same
 * subscription changes nothing; unsubscribing with any text of it removes it. Synchronous.
 * @return TIM_SUCC; TIM_ERR_SDKUNINIT; TIM_ERR_NOTLOGIN; TIM_ERR_JSON; TIM_ERR_PARAM (bad value).
 */
TIM_API int TIMConvSubscribeUnreadMessageCountByFilter(const char* filter);

/** Removes a subscription (an unknown one is not an error). Synchronous; returns as Subscribe. */
TIM_API int TIMConvUnsubscribeUnreadMessageCountByFilter(const char* filter);

/**
 * Sets unread to 0. conversation_id: "c2c_<id>"/"group_<id>" for one; "c2c" all C2C; "group"
 * all groups; "" or NULL everything. clean_timestamp/clean_sequence are accepted and ignored
 * (there are no messages). Codes: 0; 6004; 6017. Event Update for conversations that changed.
 */
TIM_API int TIMConvCleanConversationUnreadMessageCount(const char* conversation_id, uint64_t clean_timestamp, uint64_t clean_sequence, TIMCommCallback cb, const void* user_data);

/**
 * One page of the conversations a filter selects, in list order.
 * @param filter   TIMConversationListFilter JSON object; NULL or "{}" = everything ("" is not
 *                 JSON: TIM_ERR_JSON). Keys: conversation_list_filter_conv_type (0 = any),
 *                 ..._conversation_group ("" = in no group), ..._mark_type (0 = carries no
 *                 mark, else carries all these bits), ..._has_unread_count (conv_unread_num
 *                 alone; recv opt does not matter), ..._has_group_at_info. Absent or null keys
 *                 do not filter; a key of the wrong JSON type is TIM_ERR_JSON.
 * @param next_seq 0 for the first page, then the returned conversation_list_result_next_seq.
 * @param count    1..1000 conversations per page.
 * Callback json: {"conversation_list_result_conv_list":[ConvInfo...],
 *   "conversation_list_result_next_seq":N, "conversation_list_result_is_finished":bool}.
 * Every page but the last holds `count` conversations. Paging never skips or repeats a
 * conversation that did not change while the pages were read, even while others are added,
 * updated or deleted; the same next_seq reads the same position again. Cursors live in memory
 * until logout (the newest 65,536 are kept). A group that does not exist gives an empty,
 * finished page. Codes: 0; 6017 count 0 or over 1000, bad filter value, unknown next_seq.
 */
TIM_API int TIMConvGetConversationListByFilter(const char* filter, uint64_t next_seq, uint32_t count, TIMCommCallback cb, const void* user_data);

/* =========================================================================================== */
/*  6. Conversation groups                                                                       */
/*  Checks, in this order, for every call that names a group:                                    */
/*   1. name empty or not UTF-8 -> 6017; longer than 32 bytes -> 51011 (names are exact bytes);  */
/*   2. ID array empty -> 6017; more than 100 IDs -> 51006;                                      */
/*   3. create: 20 groups exist -> 51010, name exists -> 51012; others: group missing -> 51009;  */
/*      rename: new name exists (and differs) -> 51012, new == old -> 0 and no event;            */
/*   4. per item: malformed ID -> 6017; unknown conversation -> 6004; already a member (add) or  */
/*      not a member (delete-from) -> 0, no change; group at 1000 members -> 51008;              */
/*      extended-state budget (1000 conversations with a mark, custom data or a group) -> 51008. */
/*  Each affected conversation also gets kTIMConvEvent_Update (its group array changed).          */
/* =========================================================================================== */

/** Creates a group with initial members (made even when every item fails). Listener: created. Callback json: per-item results. */
TIM_API int TIMConvCreateConversationGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data);
/** Group names, in creation order (a renamed group keeps its place). Callback json: array of strings. */
TIM_API int TIMConvGetConversationGroupList(TIMCommCallback cb, const void* user_data);
/** Deletes a group; its conversations are kept. Listener: deleted. Callback json "". */
TIM_API int TIMConvDeleteConversationGroup(const char* group_name, TIMCommCallback cb, const void* user_data);
/** Renames a group. Listener: name changed. Callback json "". */
TIM_API int TIMConvRenameConversationGroup(const char* old_name, const char* new_name, TIMCommCallback cb, const void* user_data);
/** Adds conversations to a group. Listener: added (those actually added). Callback json: per-item results. */
TIM_API int TIMConvAddConversationsToGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data);
/** Removes conversations from a group. Listener: deleted-from (reason 0). Callback json: per-item results. */
TIM_API int TIMConvDeleteConversationsFromGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data);

/* =========================================================================================== */
/*  7. JSON keys (Tencent names)                                                                 */
/* =========================================================================================== */

/* SDK config (TIMInit) */
TIM_JSON_KEY kTIMSdkConfigConfigFilePath = "sdk_config_config_file_path";
TIM_JSON_KEY kTIMSdkConfigLogFilePath = "sdk_config_log_file_path";
TIM_JSON_KEY kTIMSdkConfigDispatchMode = "sdk_config_dispatch_mode"; /* extension */
TIM_JSON_KEY kTIMSdkConfigDurability = "sdk_config_durability";     /* extension */

/* Draft */
TIM_JSON_KEY kTIMDraftMsg = "draft_msg";
TIM_JSON_KEY kTIMDraftUserDefine = "draft_user_define";
TIM_JSON_KEY kTIMDraftEditTime = "draft_edit_time";

/* GroupAtInfo */
TIM_JSON_KEY kTIMGroupAtInfoSeq = "conv_group_at_info_seq";
TIM_JSON_KEY kTIMGroupAtInfoAtType = "conv_group_at_info_at_type";

/* ConvInfo */
TIM_JSON_KEY kTIMConvId = "conv_id";
TIM_JSON_KEY kTIMConvType = "conv_type";
TIM_JSON_KEY kTIMConvFaceUrl = "conv_face_url";
TIM_JSON_KEY kTIMConvUnReadNum = "conv_unread_num";
TIM_JSON_KEY kTIMConvActiveTime = "conv_active_time";
TIM_JSON_KEY kTIMConvIsHasLastMsg = "conv_is_has_lastmsg";
TIM_JSON_KEY kTIMConvLastMsg = "conv_last_msg";
TIM_JSON_KEY kTIMConvIsHasDraft = "conv_is_has_draft";
TIM_JSON_KEY kTIMConvDraft = "conv_draft";
TIM_JSON_KEY kTIMConvRecvOpt = "conv_recv_opt";
TIM_JSON_KEY kTIMConvGroupType = "conv_group_type";
TIM_JSON_KEY kTIMConvGroupAtInfoArray = "conv_group_at_info_array";
TIM_JSON_KEY kTIMConvIsPinned = "conv_is_pinned";
TIM_JSON_KEY kTIMConvShowName = "conv_show_name";
TIM_JSON_KEY kTIMConvMarkArray = "conv_mark_array";
TIM_JSON_KEY kTIMConvCustomData = "conv_custom_data";
TIM_JSON_KEY kTIMConvConversationGroupArray = "conv_conversation_group_array";
TIM_JSON_KEY kTIMConvC2CReadTimestamp = "conv_c2c_read_timestamp";
TIM_JSON_KEY kTIMConvGroupReadSequence = "conv_group_read_sequence";

/* TIMConversationListFilter */
TIM_JSON_KEY kTIMConversationListFilterConvType = "conversation_list_filter_conv_type";
TIM_JSON_KEY kTIMConversationListFilterConversationGroup = "conversation_list_filter_conversation_group";
TIM_JSON_KEY kTIMConversationListFilterMarkType = "conversation_list_filter_mark_type";
TIM_JSON_KEY kTIMConversationListFilterHasUnreadCount = "conversation_list_filter_has_unread_count";
TIM_JSON_KEY kTIMConversationListFilterHasGroupAtInfo = "conversation_list_filter_has_group_at_info";

/* TIMConversationListResult (Tencent spells these without the k prefix) */
TIM_JSON_KEY TIMConversationListResultConvList = "conversation_list_result_conv_list";
TIM_JSON_KEY TIMConversationListResultNextSeq = "conversation_list_result_next_seq";
TIM_JSON_KEY TIMConversationListResultIsFinished = "conversation_list_result_is_finished";

/* GetConversationListParam */
TIM_JSON_KEY kTIMGetConversationListParamConvId = "get_conversation_list_param_conv_id";
TIM_JSON_KEY kTIMGetConversationListParamConvType = "get_conversation_list_param_conv_type";

/* GetTotalUnreadNumberResult */
TIM_JSON_KEY kTIMConvGetTotalUnreadMessageCountResultUnreadCount = "conv_get_total_unread_message_count_result_unread_count";

/* TIMConversationOperationResult */
TIM_JSON_KEY kTIMConversationOperationResultConversationID = "conversation_operation_result_conversation_id";
TIM_JSON_KEY kTIMConversationOperationResultResultCode = "conversation_operation_result_result_code";
TIM_JSON_KEY kTIMConversationOperationResultResultInfo = "conversation_operation_result_result_info";

/* =========================================================================================== */
/*  8. Sync across devices (extension)                                                           */
/*  The roaming state of a user -- the conversation groups (names, creation order, members) and, */
/*  per conversation, the marks, the pin and the custom data -- converges on every device of     */
/*  that user through a backend the app runs. The library never opens a socket: the host carries */
/*  two JSON documents between it and its backend (docs/sync.md has the model, every key, and    */
/*  the reference backend cmd/timconvsyncd):                                                     */
/*   - the push document (TIMConvSyncGetPendingChanges): this cache's client id (32 lowercase    */
/*     hex digits, made with the cache and kept until it is deleted), the last server version    */
/*     applied, and the pending operations of its outbox with increasing op ids;                 */
/*   - the state document (the backend's answer, given to TIMConvSyncApply): the server version, */
/*     the last op id applied for this client, the operations it rejected, the whole state.      */
/*  Every accepted call that changes roaming state (group create/delete/rename/add/remove, mark, */
/*  pin, custom data, conversation delete) appends one operation per effective change to the     */
/*  outbox, in the same transaction as the change: an acknowledged change is never missing from  */
/*  it, even after kill -9. A call that changed nothing records nothing; an operation names only */
/*  what the call actually did (an add that moved two of five conversations names those two).    */
/*  Drafts, unread numbers, last messages and the conversations themselves do not roam.          */
/* =========================================================================================== */

/**
 * The rejected operations of an applied state document (each reported once, on the device that
 * made it): json_rejected_array is a JSON array of objects with sync_rejected_op_id,
 * sync_rejected_op_type, sync_rejected_code (non-zero: the whole operation was rejected, e.g.
 * 51009 for an add to a group another device deleted or renamed; 0: only some items, listed in
 * sync_rejected_item_array as TIMConversationOperationResult), sync_rejected_desc. Borrowed.
 */
typedef void (*TIMConvSyncRejectedCallback)(const char* json_rejected_array, const void* user_data);

/** Rejected operations of an applied state document (see TIMConvSyncRejectedCallback). Setter rules as in section 4. */
TIM_API void TIMSetConvSyncRejectedCallback(TIMConvSyncRejectedCallback cb, const void* user_data);

/**
 * The push document: {"sync_push_client_id": string, "sync_push_last_version": uint64,
 * "sync_push_op_array": [the first max_ops pending operations in op id order; max_ops 0 = all]}.
 * Send it to the backend (POST /v1/sync of the reference backend) and give its answer to
 * TIMConvSyncApply. Reading it changes nothing: the operations stay pending until a state
 * document acknowledges them. Asynchronous; callback code 0, json the push document (borrowed).
 * Returns TIM_SUCC, -1, -2.
 */
TIM_API int TIMConvSyncGetPendingChanges(uint32_t max_ops, TIMCommCallback cb, const void* user_data);

/**
 * Applies the backend's state document, in one transaction (the string is copied before the
 * call returns):
 *  1. a document for another client (sync_state_client_id neither "" nor this cache's) is
 *     refused with 6017; one whose sync_state_version is below the one applied last, or that
 *     says sync_state_is_unchanged for a version this device does not hold, changes nothing
 *     (callback 0, sync_apply_is_applied false, no event);
 *  2. sync_state_is_client_stale true (the backend's answer to a push carrying an op id it had
 *     applied with other content), a sync_state_last_op_id above every op id this cache
 *     allocated, or a sync_state_last_op_hash that differs from the hash of this cache's own
 *     pending operation of that id, means the cache was restored from an older copy (its op
 *     ids went backwards): nothing else changes, the cache takes a new client id and
 *     renumbers its pending operations from 1 (sync_apply_is_client_id_renewed true,
 *     sync_apply_is_applied false); push again;
 *  3. otherwise its state becomes the confirmed state (kept when it says unchanged), the pending
 *     operations up to sync_state_last_op_id leave the outbox, and those the server rejected are
 *     reported once (TIMConvSyncRejectedCallback, before kTIMConvEvent_Start, and
 *     sync_apply_rejected_array);
 *  4. the still-pending operations are replayed on the confirmed state with the server's own
 *     rules: local edits not yet pushed are never lost; one the rules refuse has no effect on
 *     what the device shows but stays pending (the server decides);
 *  5. the result is written into the cache, and the difference from what the cache showed is
 *     delivered between kTIMConvEvent_Start and kTIMConvEvent_Finish: group deleted, renamed,
 *     created (ConvInfo of its members), conversations deleted from (reason 0) and added to
 *     groups, then kTIMConvEvent_Update with every conversation whose ConvInfo changed.
 *     The events are delivered after the commit, once: a process that ends between the two
 *     does not get them again (what the cache shows is right; read the lists after the next
 *     login, as after any restart).
 * Roaming state of conversations this device has not been fed yet is kept, and shows when the
 * host upserts them (local calls on them still get 6004). Group limits of local calls count the
 * conversations fed only; the server applies its limits to all.
 * Callback json: {"sync_apply_is_applied": bool, "sync_apply_version": uint64,
 * "sync_apply_rejected_array": [as TIMConvSyncRejectedCallback], "sync_apply_pending_count": n,
 * "sync_apply_is_client_id_renewed": bool}.
 * Returns TIM_SUCC, -1, -2, -4 (NULL document), -3 (not JSON, wrong shape, nested deeper than
 * 64; no callback). Callback codes: 0; a document that breaks a rule of the state (more than 20
 * groups 51010, a repeated group name 51012, more than 1000 members or 1000 conversations with
 * extended state 51008, a malformed or repeated id, reserved mark bits, custom data over 256
 * bytes 6017) is refused whole and changes nothing; 6019 storage failure (nothing changed).
 */
TIM_API int TIMConvSyncApply(const char* json_state_document, TIMCommCallback cb, const void* user_data);

/* =========================================================================================== */
/*  Appendix. Tencent's other modules: the not-supported surface                                */
/* =========================================================================================== */

/*
 * This library implements the conversation module of the Tencent IM C API (the sections above).
 * So that code written for Tencent's whole SDK runs unchanged on it (Tencent's Unity C# package,
 * which imports every entry point of the SDK and sets listeners of every module at start-up and
 * shutdown; C/C++ code that sets listeners it does not need), every other entry point that
 * Tencent's Unity package imports is exported too, with Tencent's prototype, and answers the way
 * Tencent's SDK answers a call it does not support:
 *
 *  - A listener setter (TIMSetXxxCallback, TIMAddRecvNewMsgCallback, TIMRemoveRecvNewMsgCallback)
 *    accepts any callback, NULL included, in any state (those declared int return TIM_SUCC); the
 *    listener never fires.
 *  - A call taking a TIMCommCallback returns TIM_ERR_SDKUNINIT (no callback) when the library is
 *    not initialised; otherwise TIM_SUCC (no login needed; the arguments are not read, so no
 *    TIM_ERR_PARAM/TIM_ERR_JSON), and its callback, when not NULL, gets code
 *    ERR_SDK_INTERFACE_NOT_SUPPORT (7013, Tencent's code for an interface the package does not
 *    support), desc "<function>: not supported by this library (...)" and json_params "". It runs
 *    on the callback thread (or TIMDispatchCallbacks in host mode) like every callback, never on the
 *    caller's thread, in call order with the results of every other call. An output buffer
 *    (TIMMsgSendMessage's message_id, TIMSignalingInvite*'s invite_id) gets "" at once.
 *  - TIMMsgGetGroupMessageReadMemberList: the same, but its callback (which has no code) gets an
 *    empty, finished page: ("[]", 0, true).
 *  - TIMGetServerTime: there is no server; it returns the local clock (seconds since 1970).
 *  - callExperimentalAPI(json_param, cb, user_data): json_param is an object whose string
 *    "request_internal_operation" names the request. "internal_operation_set_ui_platform" and
 *    "internal_operation_write_log" (what Tencent's Unity layer sends at start-up, before TIMInit,
 *    and for each logged call) are accepted in any state: the callback gets code 0, desc "" and
 *    json_params ""; log lines are discarded (they carry call arguments such as user sigs; this
 *    library writes its own log). Before TIMInit the callback of an accepted request is held and
 *    runs right after the next successful TIMInit, before any other (at most 64 are held; beyond,
 *    TIM_ERR_SDKUNINIT). Any other request is answered like a not-supported call (7013). Returns
 *    TIM_ERR_PARAM when json_param is NULL, TIM_ERR_JSON when it is not such an object.
 *    callExperimentalAPI is the only exported name that does not begin with TIM: it is Tencent's.
 *
 * The declarations below are generated (capi/compat/gen) from capi/compat/tencent_entry_points.tsv,
 * which lists every entry point of Tencent's Unity package with Tencent's C prototype; so are their
 * definitions (capi/compat_gen.c).
 */

/** Network status (TIMNetworkStatusListenerCallback; never delivered here). */
enum TIMNetworkStatus {
    kTIMConnected,
    kTIMDisconnected,
    kTIMConnecting,
    kTIMConnectFailed,
};

/** Read-member filter of TIMMsgGetGroupMessageReadMemberList. */
enum TIMGroupMessageReadMembersFilter {
    TIM_GROUP_MESSAGE_READ_MEMBERS_FILTER_READ = 0,
    TIM_GROUP_MESSAGE_READ_MEMBERS_FILTER_UNREAD = 1,
};

/* BEGIN GENERATED not-supported surface (capi/compat/gen, from the tables in capi/compat): do not edit */

/* Listener callback types of modules this library does not implement (Tencent's declarations). */
typedef void (*TIMCommunityAddMembersToPermissionGroupCallback)(const char* group_id, const char* json_result, const void* user_data);
typedef void (*TIMCommunityAddTopicPermissionCallback)(const char* group_id, const char* json_result, const void* user_data);
typedef void (*TIMCommunityChangePermissionGroupInfoCallback)(const char* group_id, const char* permission_group_info, const void* user_data);
typedef void (*TIMCommunityChangeTopicInfoCallback)(const char* group_id, const char* topic_info, const void* user_data);
typedef void (*TIMCommunityCreatePermissionGroupCallback)(const char* group_id, const char* permission_group_info, const void* user_data);
typedef void (*TIMCommunityCreateTopicCallback)(const char* group_id, const char* topic_id, const void* user_data);
typedef void (*TIMCommunityDeletePermissionGroupCallback)(const char* group_id, const char* permission_group_id_array, const void* user_data);
typedef void (*TIMCommunityDeleteTopicCallback)(const char* group_id, const char* topic_id_array, const void* user_data);
typedef void (*TIMCommunityDeleteTopicPermissionCallback)(const char* group_id, const char* json_result, const void* user_data);
typedef void (*TIMCommunityModifyTopicPermissionCallback)(const char* group_id, const char* json_result, const void* user_data);
typedef void (*TIMCommunityReceiveTopicRESTCustomDataCallback)(const char* topic_id, const char* custom_data, const void* user_data);
typedef void (*TIMCommunityRemoveMembersFromPermissionGroupCallback)(const char* group_id, const char* json_result, const void* user_data);
typedef void (*TIMExperimentalNotifyCallback)(const char* key, const char* data, const void* user_data);
typedef void (*TIMFriendAddRequestCallback)(const char* json_friend_add_request_pendency_array, const void* user_data);
typedef void (*TIMFriendApplicationListDeletedCallback)(const char* json_identifier_array, const void* user_data);
typedef void (*TIMFriendApplicationListReadCallback)(const void* user_data);
typedef void (*TIMFriendBlackListAddedCallback)(const char* json_friend_black_added_array, const void* user_data);
typedef void (*TIMFriendBlackListDeletedCallback)(const char* json_identifier_array, const void* user_data);
typedef void (*TIMFriendGroupCreatedCallback)(const char* group_name, const char* json_friend_info_array, const void* user_data);
typedef void (*TIMFriendGroupDeletedCallback)(const char* json_group_name_array, const void* user_data);
typedef void (*TIMFriendGroupNameChangedCallback)(const char* old_group_name, const char* new_group_name, const void* user_data);
typedef void (*TIMFriendsAddedToGroupCallback)(const char* group_name, const char* json_friend_info_array, const void* user_data);
typedef void (*TIMFriendsDeletedFromGroupCallback)(const char* group_name, const char* json_friend_id_array, const void* user_data);
typedef void (*TIMGroupAttributeChangedCallback)(const char *group_id, const char* json_group_attribute_array, const void* user_data);
typedef void (*TIMGroupCounterChangedCallback)(const char *group_id, const char *group_counter_key, int64_t group_counter_new_value, const void *user_data);
typedef void (*TIMGroupTipsEventCallback)(const char* json_group_tip, const void* user_data);
typedef void (*TIMGroupTopicChangedCallback)(const char *group_id, const char *topic_info, const void* user_data);
typedef void (*TIMGroupTopicCreatedCallback)(const char *group_id, const char *topic_id, const void* user_data);
typedef void (*TIMGroupTopicDeletedCallback)(const char *group_id, const char *topic_id_array, const void* user_data);
typedef void (*TIMKickedOfflineCallback)(const void* user_data);
typedef void (*TIMMsgAllMessageReceiveOptionCallback)(const char* json_receive_message_option_info, const void* user_data);
typedef void (*TIMMsgElemUploadProgressCallback)(const char* json_msg, uint32_t index, uint32_t cur_size, uint32_t total_size, const void* user_data);
typedef void (*TIMMsgExtensionsChangedCallback)(const char* message_id, const char* message_extension_array, const void* user_data);
typedef void (*TIMMsgExtensionsDeletedCallback)(const char* message_id, const char* message_extension_key_array, const void* user_data);
typedef void (*TIMMsgGroupMessageReadMemberListCallback)(const char* json_group_member_array, uint64_t next_seq, bool is_finished, const void* user_data);
typedef void (*TIMMsgGroupPinnedMessageChangedCallback)(const char *group_id, const char* json_msg, bool is_pinned, const char *op_user, const void* user_data);
typedef void (*TIMMsgReactionsChangedCallback)(const char* message_reaction_change_info_array, const void* user_data);
typedef void (*TIMMsgReadedReceiptCallback)(const char* json_msg_read_receipt_array, const void* user_data);
typedef void (*TIMMsgRevokeCallback)(const char* json_msg_revoke_info_array, const void* user_data);
typedef void (*TIMMsgUpdateCallback)(const char* json_msg_array, const void* user_data);
typedef void (*TIMMutualFollowersListChangedCallback)(const char* json_user_info_list, bool is_add, const void* user_data);
typedef void (*TIMMyFollowersListChangedCallback)(const char* json_user_info_list, bool is_add, const void* user_data);
typedef void (*TIMMyFollowingListChangedCallback)(const char* json_user_info_list, bool is_add, const void* user_data);
typedef void (*TIMNetworkStatusListenerCallback)(enum TIMNetworkStatus status, int32_t code, const char* desc, const void* user_data);
typedef void (*TIMOfficialAccountDeletedCallback)(const char* official_account_id, const void* user_data);
typedef void (*TIMOfficialAccountInfoChangedCallback)(const char* json_official_account_info, const void* user_data);
typedef void (*TIMOfficialAccountSubscribedCallback)(const char* json_official_account_info, const void* user_data);
typedef void (*TIMOfficialAccountUnsubscribedCallback)(const char* official_account_id, const void* user_data);
typedef void (*TIMOnAddFriendCallback)(const char* json_identifier_array, const void* user_data);
typedef void (*TIMOnDeleteFriendCallback)(const char* json_identifier_array, const void* user_data);
typedef void (*TIMRecvNewMsgCallback)(const char* json_msg_array, const void* user_data);
typedef void (*TIMSelfInfoUpdatedCallback)(const char* json_user_profile, const void* user_data);
typedef void (*TIMSignalingInvitationCancelledCallback)(const char* invite_id, const char* inviter, const char* data, const void* user_data);
typedef void (*TIMSignalingInvitationModifiedCallback)(const char* invite_id, const char* data, const void* user_data);
typedef void (*TIMSignalingInvitationTimeoutCallback)(const char* invite_id, const char* json_invitee_list, const void* user_data);
typedef void (*TIMSignalingInviteeAcceptedCallback)(const char* invite_id, const char* invitee, const char* data, const void* user_data);
typedef void (*TIMSignalingInviteeRejectedCallback)(const char* invite_id, const char* invitee, const char* data, const void* user_data);
typedef void (*TIMSignalingReceiveNewInvitationCallback)(const char* invite_id, const char* inviter, const char* group_id, const char* json_invitee_list, const char* data, const void* user_data);
typedef void (*TIMUpdateFriendProfileCallback)(const char* json_friend_profile_update_array, const void* user_data);
typedef void (*TIMUserInfoChangedCallback)(const char* json_user_info_array, const void* user_data);
typedef void (*TIMUserSigExpiredCallback)(const void* user_data);
typedef void (*TIMUserStatusChangedCallback)(const char* json_user_status_array, const void* user_data);

/* community */
TIM_API int TIMCommunityAddCommunityMembersToPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_member_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityAddTopicPermissionToPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_topic_permission_map, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityCreate(const char* json_group_create_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityCreatePermissionGroupInCommunity(const char* json_permission_group_info, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityCreateTopicInCommunity(const char* group_id, const char* json_topic_info, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityDeletePermissionGroupFromCommunity(const char* group_id, const char* json_permission_group_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityDeleteTopicFromCommunity(const char* group_id, const char* json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityDeleteTopicPermissionFromPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetCommunityMemberListInPermissionGroup(const char* group_id, const char* permission_group_id, const char* next_cursor, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetJoinedCommunityList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetJoinedPermissionGroupListInCommunity(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetPermissionGroupListInCommunity(const char* group_id, const char* json_permission_group_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetTopicInfoList(const char* group_id, const char* json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityGetTopicPermissionInPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityModifyPermissionGroupInfoInCommunity(const char* json_permission_group_info, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityModifyTopicPermissionInPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_topic_permission_map, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunityRemoveCommunityMembersFromPermissionGroup(const char* group_id, const char* permission_group_id, const char* json_member_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunitySetTopicInfo(const char* json_topic_info, TIMCommCallback cb, const void* user_data);
TIM_API int TIMCommunitySetTopicInheritMessageReceiveOptionFromCommunity(const char* topic_id, bool isInherit, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetCommunityAddMembersToPermissionGroupCallback(TIMCommunityAddMembersToPermissionGroupCallback cb, const void* user_data);
TIM_API void TIMSetCommunityAddTopicPermissionCallback(TIMCommunityAddTopicPermissionCallback cb, const void* user_data);
TIM_API void TIMSetCommunityChangePermissionGroupInfoCallback(TIMCommunityChangePermissionGroupInfoCallback cb, const void* user_data);
TIM_API void TIMSetCommunityChangeTopicInfoCallback(TIMCommunityChangeTopicInfoCallback cb, const void* user_data);
TIM_API void TIMSetCommunityCreatePermissionGroupCallback(TIMCommunityCreatePermissionGroupCallback cb, const void* user_data);
TIM_API void TIMSetCommunityCreateTopicCallback(TIMCommunityCreateTopicCallback cb, const void* user_data);
TIM_API void TIMSetCommunityDeletePermissionGroupCallback(TIMCommunityDeletePermissionGroupCallback cb, const void* user_data);
TIM_API void TIMSetCommunityDeleteTopicCallback(TIMCommunityDeleteTopicCallback cb, const void* user_data);
TIM_API void TIMSetCommunityDeleteTopicPermissionCallback(TIMCommunityDeleteTopicPermissionCallback cb, const void* user_data);
TIM_API void TIMSetCommunityModifyTopicPermissionCallback(TIMCommunityModifyTopicPermissionCallback cb, const void* user_data);
TIM_API void TIMSetCommunityReceiveTopicRESTCustomDataCallback(TIMCommunityReceiveTopicRESTCustomDataCallback cb, const void* user_data);
TIM_API void TIMSetCommunityRemoveMembersFromPermissionGroupCallback(TIMCommunityRemoveMembersFromPermissionGroupCallback cb, const void* user_data);

/* experimental */
TIM_API void TIMSetExperimentalNotifyCallback(TIMExperimentalNotifyCallback cb, const void *user_data);
TIM_API int callExperimentalAPI(const char* json_param, TIMCommCallback cb, const void* user_data);

/* friendship */
TIM_API int TIMCheckFollowType(const char* json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFollowUser(const char* json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipAddFriend(const char* json_add_friend_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipAddToBlackList(const char* json_add_to_blacklist_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipCheckFriendType(const char* json_check_friend_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipCreateFriendGroup(const char* json_create_friend_group_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeleteFriend(const char* json_delete_friend_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeleteFriendGroup(const char* json_delete_friend_group_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeleteFromBlackList(const char* json_delete_from_blacklist_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeletePendency(const char* json_delete_pendency_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetBlackList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetFriendGroupList(const char* json_get_friend_group_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetFriendProfileList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetFriendsInfo(const char *friend_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetPendencyList(const char* json_get_pendency_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipHandleFriendAddRequest(const char* json_handle_friend_add_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipModifyFriendGroup(const char* json_modify_friend_group_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipModifyFriendProfile(const char* json_modify_friend_info_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipReportPendencyReaded(uint64_t time_stamp, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipSearchFriends(const char *json_search_friends_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetMutualFollowersList(const char* next_cursor, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetMyFollowersList(const char* next_cursor, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetMyFollowingList(const char* next_cursor, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetOfficialAccountsInfo(const char* json_official_account_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetUserFollowInfo(const char* json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetFriendAddRequestCallback(TIMFriendAddRequestCallback cb, const void* user_data);
TIM_API void TIMSetFriendApplicationListDeletedCallback(TIMFriendApplicationListDeletedCallback cb, const void* user_data);
TIM_API void TIMSetFriendApplicationListReadCallback(TIMFriendApplicationListReadCallback cb, const void* user_data);
TIM_API void TIMSetFriendBlackListAddedCallback(TIMFriendBlackListAddedCallback cb, const void* user_data);
TIM_API void TIMSetFriendBlackListDeletedCallback(TIMFriendBlackListDeletedCallback cb, const void* user_data);
TIM_API void TIMSetFriendGroupCreatedCallback(TIMFriendGroupCreatedCallback cb, const void* user_data);
TIM_API void TIMSetFriendGroupDeletedCallback(TIMFriendGroupDeletedCallback cb, const void* user_data);
TIM_API void TIMSetFriendGroupNameChangedCallback(TIMFriendGroupNameChangedCallback cb, const void* user_data);
TIM_API void TIMSetFriendsAddedToGroupCallback(TIMFriendsAddedToGroupCallback cb, const void* user_data);
TIM_API void TIMSetFriendsDeletedFromGroupCallback(TIMFriendsDeletedFromGroupCallback cb, const void* user_data);
TIM_API void TIMSetMutualFollowersListChangedCallback(TIMMutualFollowersListChangedCallback cb, const void *user_data);
TIM_API void TIMSetMyFollowersListChangedCallback(TIMMyFollowersListChangedCallback cb, const void *user_data);
TIM_API void TIMSetMyFollowingListChangedCallback(TIMMyFollowingListChangedCallback cb, const void *user_data);
TIM_API void TIMSetOfficialAccountDeletedCallback(TIMOfficialAccountDeletedCallback cb, const void *user_data);
TIM_API void TIMSetOfficialAccountInfoChangedCallback(TIMOfficialAccountInfoChangedCallback cb, const void *user_data);
TIM_API void TIMSetOfficialAccountSubscribedCallback(TIMOfficialAccountSubscribedCallback cb, const void* user_data);
TIM_API void TIMSetOfficialAccountUnsubscribedCallback(TIMOfficialAccountUnsubscribedCallback cb, const void *user_data);
TIM_API void TIMSetOnAddFriendCallback(TIMOnAddFriendCallback cb, const void* user_data);
TIM_API void TIMSetOnDeleteFriendCallback(TIMOnDeleteFriendCallback cb, const void* user_data);
TIM_API void TIMSetUpdateFriendProfileCallback(TIMUpdateFriendProfileCallback cb, const void* user_data);
TIM_API int TIMSubscribeOfficialAccount(const char* official_account_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMUnfollowUser(const char* json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMUnsubscribeOfficialAccount(const char* unsubscribe_official_account_id, TIMCommCallback cb, const void* user_data);

/* group */
TIM_API int TIMGroupCreate(const char* json_group_create_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupCreateTopicInCommunity(const char *group_id, const char *json_topic_info, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDecreaseGroupCounter(const char* group_id, const char* group_counter_key, int64_t group_counter_value, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDelete(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDeleteGroupAttributes(const char *group_id, const char *json_keys, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDeleteMember(const char* json_group_delete_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDeleteTopicFromCommunity(const char *group_id, const char *json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetGroupAttributes(const char *group_id, const char *json_keys, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetGroupCounters(const char* group_id, const char* json_group_counter_key_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetGroupInfoList(const char* json_group_getinfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetJoinedCommunityList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetJoinedGroupList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetMemberInfoList(const char* json_group_getmeminfos_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetOnlineMemberCount(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetPendencyList(const char* json_group_getpendency_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetTopicInfoList(const char *group_id, const char *json_topic_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupHandlePendency(const char* json_group_handle_pendency_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupIncreaseGroupCounter(const char* group_id, const char* group_counter_key, int64_t group_counter_value, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupInitGroupAttributes(const char *group_id, const char *json_group_attributes, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupInviteMember(const char* json_group_invite_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupJoin(const char* group_id, const char* hello_msg, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupMarkGroupMemberList(const char* group_id, const char* member_array, uint32_t mark_type, bool enable_mark, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupModifyGroupInfo(const char* json_group_modifyinfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupModifyMemberInfo(const char* json_group_modifymeminfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupQuit(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupReportPendencyReaded(uint64_t time_stamp, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSearchCloudGroupMembers(const char *json_group_search_cloud_group_members_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSearchCloudGroups(const char *json_group_search_groups_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSearchGroupMembers(const char *json_group_search_group_members_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSearchGroups(const char *json_group_search_groups_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSetGroupAttributes(const char *group_id, const char *json_group_attributes, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSetGroupCounters(const char* group_id, const char* json_group_counter_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupSetTopicInfo(const char *json_topic_info, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetGroupAttributeChangedCallback(TIMGroupAttributeChangedCallback cb, const void* user_data);
TIM_API void TIMSetGroupCounterChangedCallback(TIMGroupCounterChangedCallback cb, const void* user_data);
TIM_API void TIMSetGroupTipsEventCallback(TIMGroupTipsEventCallback cb, const void* user_data);
TIM_API void TIMSetGroupTopicChangedCallback(TIMGroupTopicChangedCallback cb, const void* user_data);
TIM_API void TIMSetGroupTopicCreatedCallback(TIMGroupTopicCreatedCallback cb, const void* user_data);
TIM_API void TIMSetGroupTopicDeletedCallback(TIMGroupTopicDeletedCallback cb, const void* user_data);

/* manager */
TIM_API uint64_t TIMGetServerTime(void);
TIM_API int TIMGetUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMProfileGetUserProfileList(const char* json_get_user_profile_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMProfileModifySelfUserProfile(const char* json_modify_self_user_profile_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSearchUsers(const char *json_user_search_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSetConfig(const char* json_config, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetKickedOfflineCallback(TIMKickedOfflineCallback cb, const void* user_data);
TIM_API void TIMSetNetworkStatusListenerCallback(TIMNetworkStatusListenerCallback cb, const void* user_data);
TIM_API void TIMSetSelfInfoUpdatedCallback(TIMSelfInfoUpdatedCallback cb, const void* user_data);
TIM_API int TIMSetSelfStatus(const char *json_current_user_status, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetUserInfoChangedCallback(TIMUserInfoChangedCallback cb, const void *user_data);
TIM_API void TIMSetUserSigExpiredCallback(TIMUserSigExpiredCallback cb, const void* user_data);
TIM_API void TIMSetUserStatusChangedCallback(TIMUserStatusChangedCallback cb, const void* user_data);
TIM_API int TIMSubscribeUserInfo(const char *json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSubscribeUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMUnsubscribeUserInfo(const char *json_user_id_list, TIMCommCallback cb, const void* user_data);
TIM_API int TIMUnsubscribeUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);

/* message */
TIM_API void TIMAddRecvNewMsgCallback(TIMRecvNewMsgCallback cb, const void* user_data);
TIM_API int TIMGetPinnedGroupMessageList(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgAddMessageReaction(const char *json_msg, const char *reaction_id, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgBatchSend(const char* json_batch_send_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgCancelSend(const char* conv_id, enum TIMConvType conv_type, const char* message_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgClearHistoryMessage(const char* conv_id, enum TIMConvType conv_type, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgConvertVoiceToText(const char *url, const char *language, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgDelete(const char* conv_id, enum TIMConvType conv_type, const char* json_msgdel_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgDeleteMessageExtensions(const char *json_msg, const char *json_extension_key_array, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgDownloadElemToPath(const char* json_download_elem_param, const char* path, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgDownloadMergerMessage(const char* json_single_msg, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgFindByMsgLocatorList(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_Locator_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgFindMessages(const char* json_message_id_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgGetAllReceiveMessageOpt(TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgGetAllUserListOfMessageReaction(const char *json_msg, const char *reaction_id, uint32_t next_seq, uint32_t count, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgGetC2CReceiveMessageOpt(const char* json_identifier_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgGetGroupMessageReadMemberList(const char* json_msg, enum TIMGroupMessageReadMembersFilter filter, uint64_t next_seq, uint32_t count, TIMMsgGroupMessageReadMemberListCallback cb, const void* user_data);
TIM_API int TIMMsgGetMessageExtensions(const char *json_msg, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgGetMessageReactions(const char *json_msg_array, uint32_t max_user_count_per_reaction, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgGetMessageReadReceipts(const char* json_msg_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgGetMsgList(const char* conv_id, enum TIMConvType conv_type, const char* json_get_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgImportMsgList(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgListDelete(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgMarkAllMessageAsRead(TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgModifyMessage(const char* json_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgRemoveMessageReaction(const char *json_msg, const char *reaction_id, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgReportReaded(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgRevoke(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSaveMsg(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSearchCloudMessages(const char* json_search_message_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSearchLocalMessages(const char* json_search_message_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSendMessage(const char* conv_id, enum TIMConvType conv_type, const char* json_msg_param, char* message_id_buffer, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSendMessageReadReceipts(const char* json_msg_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetAllReceiveMessageOpt(enum TIMReceiveMessageOpt opt, int32_t start_hour, int32_t start_minute, int32_t start_second, uint32_t duration, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetAllReceiveMessageOpt2(enum TIMReceiveMessageOpt opt, uint32_t start_time_stamp, uint32_t duration, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetC2CReceiveMessageOpt(const char* json_identifier_array, enum TIMReceiveMessageOpt opt, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetGroupReceiveMessageOpt(const char* group_id, enum TIMReceiveMessageOpt opt, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetLocalCustomData(const char* json_msg_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetMessageExtensions(const char *json_msg, const char *json_extension_array, TIMCommCallback cb, const void *user_data);
TIM_API int TIMMsgTranslateText(const char *json_source_text_array, const char *source_language, const char *target_language, TIMCommCallback cb, const void *user_data);
TIM_API int TIMPinGroupMessage(const char* group_id, const char* json_msg, bool is_pinned, TIMCommCallback cb, const void* user_data);
TIM_API void TIMRemoveRecvNewMsgCallback(TIMRecvNewMsgCallback cb);
TIM_API void TIMSetMsgAllMessageReceiveOptionCallback(TIMMsgAllMessageReceiveOptionCallback cb, const void* user_data);
TIM_API void TIMSetMsgElemUploadProgressCallback(TIMMsgElemUploadProgressCallback cb, const void* user_data);
TIM_API void TIMSetMsgExtensionsChangedCallback(TIMMsgExtensionsChangedCallback cb, const void* user_data);
TIM_API void TIMSetMsgExtensionsDeletedCallback(TIMMsgExtensionsDeletedCallback cb, const void* user_data);
TIM_API void TIMSetMsgGroupPinnedMessageChangedCallback(TIMMsgGroupPinnedMessageChangedCallback cb, const void* user_data);
TIM_API void TIMSetMsgReactionsChangedCallback(TIMMsgReactionsChangedCallback cb, const void* user_data);
TIM_API void TIMSetMsgReadedReceiptCallback(TIMMsgReadedReceiptCallback cb, const void* user_data);
TIM_API void TIMSetMsgRevokeCallback(TIMMsgRevokeCallback cb, const void* user_data);
TIM_API void TIMSetMsgUpdateCallback(TIMMsgUpdateCallback cb, const void* user_data);

/* offline_push */
TIM_API int TIMMsgDoBackground(uint32_t unread_count, TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgDoForeground(TIMCommCallback cb, const void* user_data);
TIM_API int TIMMsgSetOfflinePushToken(const char *json_token, TIMCommCallback cb, const void* user_data);

/* signaling */
TIM_API int TIMGetSignalingInfo(const char *json_msg, TIMCommCallback json_signaling_info_cb, const void* user_data);
TIM_API void TIMSetSignalingInvitationCancelledCallback(TIMSignalingInvitationCancelledCallback cb, const void *user_data);
TIM_API void TIMSetSignalingInvitationModifiedCallback(TIMSignalingInvitationModifiedCallback cb, const void *user_data);
TIM_API void TIMSetSignalingInvitationTimeoutCallback(TIMSignalingInvitationTimeoutCallback cb, const void *user_data);
TIM_API void TIMSetSignalingInviteeAcceptedCallback(TIMSignalingInviteeAcceptedCallback cb, const void *user_data);
TIM_API void TIMSetSignalingInviteeRejectedCallback(TIMSignalingInviteeRejectedCallback cb, const void *user_data);
TIM_API void TIMSetSignalingReceiveNewInvitationCallback(TIMSignalingReceiveNewInvitationCallback cb, const void *user_data);
TIM_API int TIMSignalingAccept(const char* invite_id, const char* data, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSignalingCancel(const char* invite_id, const char* data, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSignalingInvite(const char* invitee, const char* data, bool online_user_only, const char* json_offline_push_info, int timeout, char* invite_id_buffer, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSignalingInviteInGroup(const char* group_id, const char* json_invitee_array, const char* data, bool online_user_only, int timeout, char* invite_id_buffer, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSignalingModifyInvitation(const char* invite_id, const char* data, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSignalingReject(const char* invite_id, const char* data, TIMCommCallback cb, const void* user_data);

/* 204 entry points. */
/* END GENERATED not-supported surface */

#ifdef __cplusplus
}
#endif

#endif /* TIMCONVGROUP_H_ */
