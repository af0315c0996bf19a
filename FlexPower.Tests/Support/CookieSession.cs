using System.Net;
using System.Text.RegularExpressions;

namespace FlexPower.Tests.Support;

/// <summary>Signs in through the real login form (antiforgery token and cookie) on the in-memory app, like a browser without JavaScript.</summary>
public static partial class CookieSession
{
    public static async Task<HttpClient> SignInAsync(FlexPowerFactory factory, string userName, string password)
    {
        var (client, response) = await SubmitLoginAsync(factory, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Fills in and submits the login form; the answer is a redirect when the sign-in succeeded, the form again otherwise.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> SubmitLoginAsync(FlexPowerFactory factory, string userName, string password)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        return (client, await SubmitLoginAsync(client, userName, password));
    }

    /// <summary>The same on an app served by Kestrel (<see cref="KestrelApp"/>), over a real connection.</summary>
    public static async Task<HttpClient> SignInAsync(string baseUrl, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitLoginAsync(client, userName, password)).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
        return response;
    }

    public static async Task<string> ExportAsync(FlexPowerFactory factory, string userName, string password, string url)
    {
        var client = await SignInAsync(factory, userName, password);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
