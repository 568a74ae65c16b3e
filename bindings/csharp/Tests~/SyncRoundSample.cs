// The sync round of README.md ("Sync"), compiled and run by SyncRoundTests against a stub of the
// reference backend's HTTP API. The class below is the README's snippet verbatim (SyncRoundTests
// checks that the README still shows exactly this code).
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using TimConvGroup;

namespace DocSamples
{
// README snippet: begin
public static class ConvSync
{
    /// <summary>One round: push this device's pending changes, apply the backend's answer.</summary>
    public static async Task<ConvSyncApplyResult> RoundAsync(HttpClient http, string baseUrl, string token)
    {
        ConvSyncPushDocument push = await TencentIMSDK.ConvSyncGetPendingChangesAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/sync")
        {
            Content = new StringContent(push.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (HttpResponseMessage response = await http.SendAsync(request))
        {
            // UTF-8 whatever the headers say: group names are often not ASCII.
            string body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            if (!response.IsSuccessStatusCode)   // {"sync_error_code":…,"sync_error_reason":…,"sync_error_desc":…}
                throw new HttpRequestException((int)response.StatusCode + ": " + body);
            // The round's changes reach the usual listeners, rejections SetConvSyncRejectedCallback.
            return await TencentIMSDK.ConvSyncApplyAsync(body);
        }
    }
}
// README snippet: end
}
