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
 * - The library never calls exit(), never aborts on bad input, and recovers internal panics at
 *   the boundary (reported as 6019 in the callback, or TIM_ERR_PARAM synchronously).
 * - Only TIM* symbols are exported (the embedded SQLite is hidden). soname libtimconvgroup.so.1.
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
#define TIM_DECL TIM_API

#if defined(__GNUC__) || defined(__clang__)
#  define TIM_JSON_KEY static const char* __attribute__((unused))
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
    ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT = 51006,    /**< more than 100 conversations in one call */
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

/** Total unread count changed (conversations with recv opt 1, 2, 3 excluded; clamped to INT32_MAX). */
typedef void (*TIMConvTotalUnreadMessageCountChangedCallback)(int total_unread_count, const void* user_data);

/** Unread total of a subscribed filter changed. `filter` is the subscribed filter's JSON. */
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
 * @param json_sdk_config JSON object (copied):
 *   "sdk_config_config_file_path"  string, required: data directory, created (0700) if missing;
 *   "sdk_config_log_file_path"     string, optional: folder for timconvgroup.log;
 *   "sdk_config_dispatch_mode"     "library" (default) or "host" (see "Threads");
 *   "sdk_config_durability"        "normal" (default: an acknowledged write survives kill -9) or
 *                                  "full" (each commit is synced: it also survives power loss).
 * @return TIM_SUCC; TIM_SUCC and no change when already initialised; TIM_ERR_JSON when the config
 *   does not parse, is not an object, or a key has the wrong type or an unknown value;
 *   TIM_ERR_PARAM when json_sdk_config is NULL, has no data directory, or it cannot be created.
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
TIM_API int TIMGetLoginStatus(void);

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
 *   conv_draft, conv_recv_opt, conv_group_type, conv_group_at_info_array. Pins, marks, custom data
 *   and groups have their own calls and are ignored here. Keys absent on an update keep their value.
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
 * listener. Subscribing twice to an equal filter is one subscription. Synchronous.
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
 *  2. a sync_state_last_op_id above every op id this cache allocated means the cache was
 *     restored from an older copy: nothing else changes, the cache takes a new client id and
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

#ifdef __cplusplus
}
#endif

#endif /* TIMCONVGROUP_H_ */
