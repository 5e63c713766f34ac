using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace JourneyOptimizer.Sms.EndToEndTests.Infrastructure;

/// <summary>
/// The portal as a newcomer runs it: its own process on Kestrel, a fresh SQLite file, no Bootstrap administrator
/// (so the first-start link is read from its console), bound to 127.0.0.1 on a free port.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly TaskCompletionSource<string> _setupLink = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _output = new();

    private PortalProcess(Process process, string folder, string baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    [GeneratedRegex(@"(http://\S+/account/setup\?token=\S+)")]
    private static partial Regex SetupLinkPattern();

    public static async Task<PortalProcess> StartAsync(IDictionary<string, string>? environment = null)
    {
        var webProject = Path.Combine(RepositoryRoot(), "src", "JourneyOptimizer.Sms.Web");
        var dll = Path.Combine(webProject, "bin", Configuration, "net10.0", "JourneyOptimizer.Sms.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "jo-sms-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = StartInfo(dll, webProject);
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        start.Environment["Bootstrap__AdminEmail"] = "";
        start.Environment["Bootstrap__AdminPassword"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await LaunchAsync(start, folder);
    }

    /// <summary>
    /// A published portal as an operator starts it: <c>dotnet {folder}/JourneyOptimizer.Sms.Web.dll</c> from
    /// <paramref name="workingDirectory"/>, configured only by the folder's own appsettings.json (no connection string,
    /// no administrator in its environment). <paramref name="publishFolder"/> is deleted with the process.
    /// </summary>
    public static Task<PortalProcess> StartPublishedAsync(string publishFolder, string workingDirectory)
    {
        var start = StartInfo(Path.Combine(publishFolder, "JourneyOptimizer.Sms.Web.dll"), workingDirectory);
        return LaunchAsync(start, publishFolder);
    }

    /// <summary>The build configuration of the tests, which is the portal's (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static ProcessStartInfo StartInfo(string dll, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Whatever the test process inherited must not choose the portal's content root or configuration.
        foreach (var inherited in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        return start;
    }

    private static async Task<PortalProcess> LaunchAsync(ProcessStartInfo start, string folder)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        var portal = new PortalProcess(process, folder, baseUrl);
        process.OutputDataReceived += (_, e) => portal.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => portal.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await portal.WaitUntilReadyAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = SetupLinkPattern().Match(line);
        if (match.Success)
        {
            _setupLink.TrySetResult(match.Groups[1].Value);
        }
    }

    /// <summary>The one-time link the portal printed on its console.</summary>
    public Task<string> SetupLinkAsync() => _setupLink.Task.WaitAsync(TimeSpan.FromSeconds(30));

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The portal exited at start-up:\n" + Output);
            }

            try
            {
                var response = await http.GetAsync(new Uri(BaseUrl + "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The portal did not become ready within 60 s:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "JourneyOptimizer.Sms.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    /// <summary>Ends the portal at once, as <c>kill -9</c> does (SIGKILL): no shutdown, nothing flushed or answered.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleaner.
        }
    }
}
