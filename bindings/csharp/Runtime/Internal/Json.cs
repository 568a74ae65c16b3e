using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TimConvGroup.Internal
{
    /// <summary>JSON settings shared by the binding: nulls left out, exact uint64, dates kept as text.</summary>
    internal static class Json
    {
        internal static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            DateParseHandling = DateParseHandling.None,
            Formatting = Formatting.None,
            Converters = new List<JsonConverter> { new UInt64Converter() },
        };

        internal static string Serialize(object value)
        {
            return JsonConvert.SerializeObject(value, Settings);
        }

        /// <summary>default(T) for null or "" (a call without a result), else the parsed value.</summary>
        internal static T Deserialize<T>(string json)
        {
            if (string.IsNullOrEmpty(json)) return default(T);
            return JsonConvert.DeserializeObject<T>(json, Settings);
        }

        /// <summary>
        /// A ConvInfo array from a callback. "" (Start/Finish) gives an empty list. An element that
        /// is a string is taken as a conversation ID ("c2c_x"/"group_x"), as some Tencent SDKs send
        /// for Del events.
        /// </summary>
        internal static List<ConvInfo> ConvList(string json)
        {
            var list = new List<ConvInfo>();
            if (string.IsNullOrEmpty(json)) return list;
            var serializer = JsonSerializer.Create(Settings);
            using (var reader = new JsonTextReader(new System.IO.StringReader(json)))
            {
                reader.DateParseHandling = DateParseHandling.None;
                var array = JArray.Load(reader);
                foreach (var item in array)
                {
                    if (item.Type == JTokenType.String)
                    {
                        list.Add(FromConversationID((string)item));
                    }
                    else if (item.Type == JTokenType.Object)
                    {
                        list.Add(item.ToObject<ConvInfo>(serializer));
                    }
                }
            }
            return list;
        }

        internal static ConvInfo FromConversationID(string id)
        {
            var info = new ConvInfo();
            if (id.StartsWith("c2c_", StringComparison.Ordinal))
            {
                info.conv_id = id.Substring(4);
                info.conv_type = TIMConvType.kTIMConv_C2C;
            }
            else if (id.StartsWith("group_", StringComparison.Ordinal))
            {
                info.conv_id = id.Substring(6);
                info.conv_type = TIMConvType.kTIMConv_Group;
            }
            else
            {
                info.conv_id = id;
            }
            return info;
        }
    }

    /// <summary>
    /// Reads and writes ulong, ulong? and ulong-backed enums exactly over the whole 0..2^64-1 range
    /// (older Newtonsoft.Json versions fail on values above 2^63-1).
    /// </summary>
    internal sealed class UInt64Converter : JsonConverter
    {
        public override bool CanConvert(Type objectType)
        {
            var t = Nullable.GetUnderlyingType(objectType) ?? objectType;
            return t == typeof(ulong) || (t.IsEnum && Enum.GetUnderlyingType(t) == typeof(ulong));
        }

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            var nullable = Nullable.GetUnderlyingType(objectType);
            var t = nullable ?? objectType;
            if (reader.TokenType == JsonToken.Null)
            {
                if (nullable != null) return null;
                throw new JsonSerializationException("null is not a valid " + t.Name);
            }
            ulong v;
            switch (reader.TokenType)
            {
                case JsonToken.Integer:
                    var o = reader.Value;
                    if (o is long)
                    {
                        var l = (long)o;
                        if (l < 0) throw new JsonSerializationException("negative value " + l + " for " + t.Name);
                        v = (ulong)l;
                    }
                    else if (o is ulong) v = (ulong)o;
                    else v = ulong.Parse(Convert.ToString(o, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case JsonToken.String:
                    v = ulong.Parse((string)reader.Value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new JsonSerializationException("unexpected " + reader.TokenType + " for " + t.Name);
            }
            return t.IsEnum ? Enum.ToObject(t, v) : (object)v;
        }

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
        {
            if (value == null)
            {
                writer.WriteNull();
                return;
            }
            writer.WriteValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
        }
    }
}
