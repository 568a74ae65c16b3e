using System;

namespace TimConvGroup
{
    /// <summary>
    /// Failure of an <c>…Async</c> call: either the call was rejected at once (Code is the
    /// negative <see cref="TIMResult"/>) or its callback reported a non-zero code (6017, 51009, …).
    /// Per-item failures inside a successful call are not exceptions: they are in the result list.
    /// </summary>
    public class TIMException : Exception
    {
        public int Code { get; private set; }
        public string Desc { get; private set; }

        public TIMException(int code, string desc)
            : base(code + ": " + desc)
        {
            Code = code;
            Desc = desc;
        }

        /// <summary>The synchronous rejection, when Code is a TIMResult (negative), else null.</summary>
        public TIMResult? Result
        {
            get { return Code < 0 ? (TIMResult?)(TIMResult)Code : null; }
        }

        /// <summary>
        /// The callback's code as a <see cref="TIMErrCode"/> (switch on it: 51009 is
        /// ERR_SVR_CONV_CONV_GROUP_NOT_EXIST, …), or null when the call was rejected at once
        /// (Code is a negative TIMResult: see <see cref="Result"/>).
        /// </summary>
        public TIMErrCode? ErrorCode
        {
            get { return Code >= 0 ? (TIMErrCode?)(TIMErrCode)Code : null; }
        }
    }
}
