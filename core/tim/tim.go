// Package tim holds the constants of the Tencent IM conversation API that every layer shares:
// synchronous TIMResult values, callback codes, enum values and limits.
package tim

// Synchronous TIMResult values (enum TIMResult of the header).
const (
	Succ       = 0
	ErrUninit  = -1
	ErrNoLogin = -2
	ErrJSON    = -3
	ErrParam   = -4
	ErrConv    = -5
	ErrGroup   = -6
)

// Code is a callback code: the code argument of a TIMCommCallback, and the result code of
// each item of a per-item result array.
type Code int32

// Callback codes (enum TIMErrCode of the header).
const (
	CodeOK               Code = 0
	CodeConvNotFound     Code = 6004
	CodeNotInit          Code = 6013
	CodeNotLoggedIn      Code = 6014
	CodeInvalidParam     Code = 6017
	CodeStorage          Code = 6019
	CodeIO               Code = 6022
	CodeNotSupported     Code = 7013 // ERR_SDK_INTERFACE_NOT_SUPPORT: the not-supported surface
	CodeTooManyConvs     Code = 51006
	CodeCountLimit       Code = 51008
	CodeGroupNotExist    Code = 51009
	CodeTooManyGroups    Code = 51010
	CodeGroupNameTooLong Code = 51011
	CodeGroupExists      Code = 51012
)

// Conversation types.
const (
	ConvC2C   = 1
	ConvGroup = 2
)

// Conversation events.
const (
	EventAdd    = 0
	EventDel    = 1
	EventUpdate = 2
	EventStart  = 3
	EventFinish = 4
)

// Login status values.
const (
	StatusLoggedIn  = 1
	StatusLoggedOut = 3
)

// Log levels.
const (
	LogDebug = 3
	LogInfo  = 4
	LogWarn  = 5
	LogError = 6
)

// Limits, as the header states them per function.
const (
	MaxIDBytes         = 128   // bare conversation ID and user ID
	MaxGroupNameBytes  = 32    // conversation group name
	MaxGroups          = 20    // conversation groups per user
	MaxGroupMembers    = 1000  // conversations per group
	MaxExtended        = 1000  // conversations carrying a mark, custom data or a group
	MaxIDsPerCall      = 100   // IDs in one mark/group/custom-data/delete-list call
	MaxUpsertItems     = 10000 // items in one TIMConvUpsertConversations call
	MaxCustomDataBytes = 256   // custom data
	MaxPageCount       = 1000  // conversations per page
)

// Mark bits: built-in 0..3, custom 32..63; 4..31 are reserved.
const (
	MarkBuiltin uint64 = 0xF
	MarkCustom  uint64 = 0xFFFFFFFF00000000
	MarkAllowed        = MarkBuiltin | MarkCustom
)

// Version is the library version reported by TIMGetSDKVersion.
const Version = "1.0.0"
