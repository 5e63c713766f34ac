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
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var webProject = Path.Combine(root, "src", "JourneyOptimizer.Sms.Web");
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "JourneyOptimizer.Sms.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "jo-sms-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseUrl },
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        start.Environment["Bootstrap__AdminEmail"] = "";
        start.Environment["Bootstrap__AdminPassword"] = "";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        var portal = new PortalProcess(process, folder, baseUrl);
        process.OutputDataReceived += (_, e) => portal.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => portal.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitUntilReadyAsync();
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
