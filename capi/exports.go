package main

// The Go side of the C ABI (include/timconvgroup.h). goTIMX is the body of the header's TIMX:
// the exported TIMX is a C function in gate.c that makes sure the calling thread has entered
// Go once (with a host's stop-the-world signals deliverable) and then calls goTIMX. Each one is
// thin: recover panics at the boundary, check the synchronous rejections in the header's order
// (-1, -2, -4, then the engine's -3), copy the C strings, call the engine. The listener
// setters, TIMDispatchCallbacks and TIMGetSDKVersion are plain C (dispatch.c).
//
// gate.c defines each TIMX with the header's prototype and passes its arguments to goTIMX, so
// the C compiler checks the two against each other. A file with //export may only have
// declarations in its preamble.

/*
#include "dispatch.h"
*/
import "C"

import (
	"sync"
	"unsafe"

	"github.com/timconvgroup/timconvgroup/core/engine"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// life serialises TIMInit and TIMUninit.
var life sync.Mutex

// recoverTo turns a panic into TIM_ERR_PARAM (or fallback) and logs it.
func recoverTo(rc *C.int, where string, fallback int) {
	if r := recover(); r != nil {
		*rc = C.int(fallback)
		reportPanic(where, r)
	}
}

func gostr(p *C.tcg_cchar) string { return C.GoString((*C.char)(unsafe.Pointer(p))) }

// optstr copies an optional string argument: NULL stands for "".
func optstr(p *C.tcg_cchar) string {
	if p == nil {
		return ""
	}
	return gostr(p)
}

// filterArg copies an optional filter: NULL stands for "{}" (everything). A non-NULL empty
// string is not JSON: the engine rejects it with TIM_ERR_JSON, like any text that does not parse.
func filterArg(p *C.tcg_cchar) string {
	if p == nil {
		return "{}"
	}
	return gostr(p)
}

func callback(cb C.TIMCommCallback, ud *C.tcg_cvoid) engine.Callback {
	return engine.Callback{Fn: uintptr(unsafe.Pointer(cb)), UserData: uintptr(unsafe.Pointer(ud))}
}

// pre performs the state checks (-1, -2) and then the NULL checks (-4) of a call. It returns
// the engine and tim.Succ when the call may proceed.
func pre(needLogin bool, required ...unsafe.Pointer) (*engine.Engine, int) {
	e := getEngine()
	if e == nil {
		return nil, tim.ErrUninit
	}
	if r := e.Check(needLogin); r != tim.Succ {
		return nil, r
	}
	for _, p := range required {
		if p == nil {
			return nil, tim.ErrParam
		}
	}
	return e, tim.Succ
}

func ptr(p *C.tcg_cchar) unsafe.Pointer { return unsafe.Pointer(p) }

// ---------------------------------------------------------------------------------------------
// Lifecycle

//export goTIMInit
func goTIMInit(sdkAppID C.uint64_t, jsonSDKConfig *C.tcg_cchar) (rc C.int) {
	defer recoverTo(&rc, "TIMInit", tim.ErrParam)
	e := getEngine()
	if e == nil {
		return tim.ErrParam
	}
	if C.tcg_callback_depth() > 0 {
		// Inside a callback: TIMUninit may be holding the lifecycle lock while it waits for
		// this very callback; never take it here.
		if e.Running() {
			return tim.Succ
		}
		return tim.ErrParam
	}
	life.Lock()
	defer life.Unlock()
	if e.Running() {
		return tim.Succ
	}
	cfg, r := engine.ParseConfig(optstr(jsonSDKConfig)) // NULL, like "", takes the defaults
	if r != tim.Succ {
		return C.int(r)
	}
	mode := C.int(C.TCG_MODE_LIBRARY)
	if cfg.DispatchMode == engine.DispatchHost {
		mode = C.TCG_MODE_HOST
	}
	if C.tcg_dispatch_start(mode) != 0 {
		return tim.ErrParam
	}
	started := false
	defer func() {
		if !started { // Init failed or panicked: stop the dispatcher, keep the listeners
			C.tcg_dispatch_stop(0)
		}
	}()
	r = e.Init(uint64(sdkAppID), cfg)
	started = r == tim.Succ
	if started {
		releaseHeld(e) // callExperimentalAPI requests accepted before TIMInit (compat.go)
	}
	return C.int(r)
}

//export goTIMUninit
func goTIMUninit() (rc C.int) {
	defer recoverTo(&rc, "TIMUninit", tim.ErrParam)
	if C.tcg_callback_depth() > 0 {
		return tim.ErrParam // would wait for the callback it is called from
	}
	life.Lock()
	defer life.Unlock()
	if e := getEngine(); e != nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					reportPanic("TIMUninit: engine close", r)
				}
			}()
			e.Close() // every accepted operation completes; its deliveries are queued
		}()
	}
	C.tcg_dispatch_stop(1) // deliver the rest, join/drain, clear listeners
	return tim.Succ
}

//export goTIMLogin
func goTIMLogin(userID, userSig *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMLogin", tim.ErrParam)
	e, r := pre(false, ptr(userID), ptr(userSig))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.Login(gostr(userID), gostr(userSig), callback(cb, userData)))
}

//export goTIMLogout
func goTIMLogout(cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMLogout", tim.ErrParam)
	e, r := pre(false)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.Logout(callback(cb, userData)))
}

//export goTIMGetLoginStatus
func goTIMGetLoginStatus() (rc C.enum_TIMLoginStatus) {
	defer func() {
		if r := recover(); r != nil {
			rc = tim.StatusLoggedOut
			reportPanic("TIMGetLoginStatus", r)
		}
	}()
	e := getEngine()
	if e == nil {
		return tim.StatusLoggedOut
	}
	return C.enum_TIMLoginStatus(e.LoginStatus())
}

// loginIDBuffer is the size of the buffer TIMGetLoginUserID may write, NUL included.
const loginIDBuffer = 128

//export goTIMGetLoginUserID
func goTIMGetLoginUserID(userIDBuffer *C.char) (rc C.int) {
	defer recoverTo(&rc, "TIMGetLoginUserID", tim.ErrParam)
	if userIDBuffer != nil {
		*userIDBuffer = 0 // an empty string whatever happens next
	}
	e := getEngine()
	if e == nil {
		return tim.ErrUninit
	}
	if userIDBuffer == nil {
		if r := e.Check(true); r != tim.Succ {
			return C.int(r)
		}
		return tim.ErrParam
	}
	id, r := e.LoginUserID()
	if r != tim.Succ {
		return C.int(r)
	}
	// The caller's buffer is 128 bytes (the Tencent contract): at most 127 bytes of ID and the
	// NUL. A 128-byte ID does not fit; refuse rather than write past the buffer.
	if len(id) >= loginIDBuffer {
		return tim.ErrParam
	}
	buf := unsafe.Slice((*byte)(unsafe.Pointer(userIDBuffer)), len(id)+1)
	copy(buf, id)
	buf[len(id)] = 0
	return tim.Succ
}

// ---------------------------------------------------------------------------------------------
// Conversations

//export goTIMConvUpsertConversations
func goTIMConvUpsertConversations(jsonConvArray *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvUpsertConversations", tim.ErrParam)
	e, r := pre(true, ptr(jsonConvArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.UpsertConversations(gostr(jsonConvArray), callback(cb, userData)))
}

//export goTIMConvGetConvList
func goTIMConvGetConvList(cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetConvList", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetConvList(callback(cb, userData)))
}

//export goTIMConvCreate
func goTIMConvCreate(convID *C.tcg_cchar, convType C.enum_TIMConvType, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvCreate", tim.ErrParam)
	e, r := pre(true, ptr(convID))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.CreateConv(gostr(convID), int32(convType), callback(cb, userData)))
}

//export goTIMConvGetConvInfo
func goTIMConvGetConvInfo(jsonGetConvListParam *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetConvInfo", tim.ErrParam)
	e, r := pre(true, ptr(jsonGetConvListParam))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetConvInfo(gostr(jsonGetConvListParam), callback(cb, userData)))
}

//export goTIMConvDelete
func goTIMConvDelete(convID *C.tcg_cchar, convType C.enum_TIMConvType, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvDelete", tim.ErrParam)
	e, r := pre(true, ptr(convID))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.DeleteConv(gostr(convID), int32(convType), callback(cb, userData)))
}

//export goTIMConvDeleteConversationList
func goTIMConvDeleteConversationList(conversationIDArray *C.tcg_cchar, clearMessage C.bool, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvDeleteConversationList", tim.ErrParam)
	e, r := pre(true, ptr(conversationIDArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.DeleteConvList(gostr(conversationIDArray), bool(clearMessage), callback(cb, userData)))
}

//export goTIMConvSetDraft
func goTIMConvSetDraft(convID *C.tcg_cchar, convType C.enum_TIMConvType, jsonDraftParam *C.tcg_cchar) (rc C.int) {
	defer recoverTo(&rc, "TIMConvSetDraft", tim.ErrParam)
	e, r := pre(true, ptr(convID), ptr(jsonDraftParam))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.SetDraft(gostr(convID), int32(convType), gostr(jsonDraftParam)))
}

//export goTIMConvCancelDraft
func goTIMConvCancelDraft(convID *C.tcg_cchar, convType C.enum_TIMConvType) (rc C.int) {
	defer recoverTo(&rc, "TIMConvCancelDraft", tim.ErrParam)
	e, r := pre(true, ptr(convID))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.CancelDraft(gostr(convID), int32(convType)))
}

//export goTIMConvSetConversationCustomData
func goTIMConvSetConversationCustomData(conversationIDArray, customData *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvSetConversationCustomData", tim.ErrParam)
	e, r := pre(true, ptr(conversationIDArray), ptr(customData))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.SetCustomData(gostr(conversationIDArray), gostr(customData), callback(cb, userData)))
}

//export goTIMConvPinConversation
func goTIMConvPinConversation(convID *C.tcg_cchar, convType C.enum_TIMConvType, isPinned C.bool, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvPinConversation", tim.ErrParam)
	e, r := pre(true, ptr(convID))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.PinConv(gostr(convID), int32(convType), bool(isPinned), callback(cb, userData)))
}

//export goTIMConvMarkConversation
func goTIMConvMarkConversation(conversationIDArray *C.tcg_cchar, markType C.uint64_t, enableMark C.bool, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvMarkConversation", tim.ErrParam)
	e, r := pre(true, ptr(conversationIDArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.MarkConvs(gostr(conversationIDArray), uint64(markType), bool(enableMark), callback(cb, userData)))
}

//export goTIMConvGetTotalUnreadMessageCount
func goTIMConvGetTotalUnreadMessageCount(cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetTotalUnreadMessageCount", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetTotalUnread(callback(cb, userData)))
}

//export goTIMConvGetUnreadMessageCountByFilter
func goTIMConvGetUnreadMessageCountByFilter(filter *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetUnreadMessageCountByFilter", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetUnreadByFilter(filterArg(filter), callback(cb, userData)))
}

//export goTIMConvSubscribeUnreadMessageCountByFilter
func goTIMConvSubscribeUnreadMessageCountByFilter(filter *C.tcg_cchar) (rc C.int) {
	defer recoverTo(&rc, "TIMConvSubscribeUnreadMessageCountByFilter", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.SubscribeUnread(filterArg(filter)))
}

//export goTIMConvUnsubscribeUnreadMessageCountByFilter
func goTIMConvUnsubscribeUnreadMessageCountByFilter(filter *C.tcg_cchar) (rc C.int) {
	defer recoverTo(&rc, "TIMConvUnsubscribeUnreadMessageCountByFilter", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.UnsubscribeUnread(filterArg(filter)))
}

//export goTIMConvCleanConversationUnreadMessageCount
func goTIMConvCleanConversationUnreadMessageCount(conversationID *C.tcg_cchar, cleanTimestamp, cleanSequence C.uint64_t, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvCleanConversationUnreadMessageCount", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.CleanUnread(optstr(conversationID), uint64(cleanTimestamp), uint64(cleanSequence), callback(cb, userData)))
}

//export goTIMConvGetConversationListByFilter
func goTIMConvGetConversationListByFilter(filter *C.tcg_cchar, nextSeq C.uint64_t, count C.uint32_t, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetConversationListByFilter", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetListByFilter(filterArg(filter), uint64(nextSeq), uint32(count), callback(cb, userData)))
}

// ---------------------------------------------------------------------------------------------
// Conversation groups

//export goTIMConvCreateConversationGroup
func goTIMConvCreateConversationGroup(groupName, conversationIDArray *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvCreateConversationGroup", tim.ErrParam)
	e, r := pre(true, ptr(groupName), ptr(conversationIDArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.CreateGroup(gostr(groupName), gostr(conversationIDArray), callback(cb, userData)))
}

//export goTIMConvGetConversationGroupList
func goTIMConvGetConversationGroupList(cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvGetConversationGroupList", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.GetGroupList(callback(cb, userData)))
}

//export goTIMConvDeleteConversationGroup
func goTIMConvDeleteConversationGroup(groupName *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvDeleteConversationGroup", tim.ErrParam)
	e, r := pre(true, ptr(groupName))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.DeleteGroup(gostr(groupName), callback(cb, userData)))
}

//export goTIMConvRenameConversationGroup
func goTIMConvRenameConversationGroup(oldName, newName *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvRenameConversationGroup", tim.ErrParam)
	e, r := pre(true, ptr(oldName), ptr(newName))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.RenameGroup(gostr(oldName), gostr(newName), callback(cb, userData)))
}

//export goTIMConvAddConversationsToGroup
func goTIMConvAddConversationsToGroup(groupName, conversationIDArray *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvAddConversationsToGroup", tim.ErrParam)
	e, r := pre(true, ptr(groupName), ptr(conversationIDArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.AddToGroup(gostr(groupName), gostr(conversationIDArray), callback(cb, userData)))
}

//export goTIMConvDeleteConversationsFromGroup
func goTIMConvDeleteConversationsFromGroup(groupName, conversationIDArray *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvDeleteConversationsFromGroup", tim.ErrParam)
	e, r := pre(true, ptr(groupName), ptr(conversationIDArray))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.DeleteFromGroup(gostr(groupName), gostr(conversationIDArray), callback(cb, userData)))
}

// ---- sync across devices ----

//export goTIMConvSyncGetPendingChanges
func goTIMConvSyncGetPendingChanges(maxOps C.uint32_t, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvSyncGetPendingChanges", tim.ErrParam)
	e, r := pre(true)
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.SyncGetPendingChanges(uint32(maxOps), callback(cb, userData)))
}

//export goTIMConvSyncApply
func goTIMConvSyncApply(jsonStateDocument *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "TIMConvSyncApply", tim.ErrParam)
	e, r := pre(true, ptr(jsonStateDocument))
	if r != tim.Succ {
		return C.int(r)
	}
	return C.int(e.SyncApply(gostr(jsonStateDocument), callback(cb, userData)))
}
