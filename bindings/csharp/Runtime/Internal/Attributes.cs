using System;

#if !UNITY_5_3_OR_NEWER
namespace AOT
{
    /// <summary>
    /// Marks a static method that native code calls through a function pointer. Unity declares
    /// this attribute (AOT.MonoPInvokeCallbackAttribute in UnityEngine) and IL2CPP requires it;
    /// outside Unity the binding declares its own (Mono's AOT compiler matches it by name).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class MonoPInvokeCallbackAttribute : Attribute
    {
        public MonoPInvokeCallbackAttribute(Type type)
        {
            Type = type;
        }

        public Type Type { get; private set; }
    }
}
#endif

namespace TimConvGroup.Internal
{
    /// <summary>Keeps a type and its members from IL2CPP's managed code stripping (the linker matches the name).</summary>
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method |
                    AttributeTargets.Constructor | AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Enum |
                    AttributeTargets.Delegate, Inherited = false)]
    internal sealed class PreserveAttribute : Attribute
    {
    }
}
