using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>
/// Two <c>prism mock</c> instances on loopback, one per Twilio spec (NOTES.md section 6): Prism is installed with npm
/// into <c>&lt;repo&gt;/.tools/prism</c> when it is not there yet, the specs are patched into a temp folder (6.4), and
/// both processes are killed at the end. Node.js and npm are required: without them the contract tests fail.
/// </summary>
public sealed partial class PrismFixture : IAsyncLifetime
{
    public const string PrismVersion = "5.14.2";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<PrismProcess> processes = [];
    private string? workFolder;

    public string ApiBaseUrl { get; private set; } = string.Empty;

    public string MessagingBaseUrl { get; private set; } = string.Empty;

    /// <summary>How many array fields got a form encoding and how many bodies became required, per spec.</summary>
    public IReadOnlyDictionary<string, (int ArrayFields, int RequiredBodies)> Patches { get; private set; } =
        new Dictionary<string, (int, int)>();

    [GeneratedRegex(@"Prism is listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public async ValueTask InitializeAsync()
    {
        var prism = await EnsurePrismAsync();
        workFolder = Directory.CreateTempSubdirectory("jo-sms-prism-").FullName;
        var patches = new Dictionary<string, (int, int)>();
        var specs = new List<string>();
        foreach (var name in new[] { "twilio_api_v2010.json", "twilio_messaging_v1.json" })
        {
            var patched = Path.Combine(workFolder, name.Replace(".json", ".patched.json", StringComparison.Ordinal));
            patches[name] = PatchSpec(Path.Combine(RepoPaths.TwilioOai, name), patched);
            specs.Add(patched);
        }

        Patches = patches;
        try
        {
            foreach (var spec in specs)
            {
                processes.Add(PrismProcess.Start(prism, spec));
            }

            var urls = await Task.WhenAll(processes.Select(p => p.WaitUntilListeningAsync(StartTimeout)));
            ApiBaseUrl = urls[0];
            MessagingBaseUrl = urls[1];
        }
        catch
        {
            // Never leave a Prism behind when the other one failed to start.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        if (workFolder is not null && Directory.Exists(workFolder))
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    /// <summary>The last lines Prism printed (its validator says why it refused a request), for assertion messages.</summary>
    public string RecentOutput => string.Join("\n---\n", processes.Select(p => p.RecentOutput));

    /// <summary>
    /// NOTES.md 6.4: repeated form keys need <c>encoding: {style: form, explode: true}</c> on array fields, and bodies
    /// with required properties need <c>requestBody.required: true</c> so that an empty POST is refused.
    /// </summary>
    internal static (int ArrayFields, int RequiredBodies) PatchSpec(string source, string destination)
    {
        var root = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        int arrays = 0, bodies = 0;
        foreach (var (_, pathItem) in root["paths"]!.AsObject())
        {
            foreach (var (_, operation) in pathItem!.AsObject())
            {
                if (operation is not JsonObject { } op || op["requestBody"] is not JsonObject body
                    || body["content"]?["application/x-www-form-urlencoded"] is not JsonObject content)
                {
                    continue;
                }

                var schema = content["schema"] as JsonObject;
                if (schema?["properties"] is JsonObject properties)
                {
                    foreach (var (name, property) in properties)
                    {
                        if (property?["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "array")
                        {
                            if (content["encoding"] is not JsonObject encoding)
                            {
                                encoding = [];
                                content["encoding"] = encoding;
                            }

                            encoding[name] = new JsonObject { ["style"] = "form", ["explode"] = true };
                            arrays++;
                        }
                    }
                }

                if (schema?["required"] is JsonArray { Count: > 0 })
                {
                    body["required"] = true;
                    bodies++;
                }
            }
        }

        File.WriteAllText(destination, root.ToJsonString());
        return (arrays, bodies);
    }

    /// <summary>The Prism CLI entry point, installed with npm into .tools/prism when missing.</summary>
    private static async Task<string> EnsurePrismAsync()
    {
        var prefix = Path.Combine(RepoPaths.Root, ".tools", "prism");
        var package = Path.Combine(prefix, "node_modules", "@stoplight", "prism-cli");
        var entry = Path.Combine(package, "dist", "index.js");
        await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
        if (File.Exists(entry) && InstalledVersion(package) == PrismVersion)
        {
            return entry;
        }

        await RunAsync("npm", ["install", "--prefix", prefix, $"@stoplight/prism-cli@{PrismVersion}", "--no-audit", "--no-fund"], InstallTimeout);
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"npm installed @stoplight/prism-cli@{PrismVersion} but {entry} is missing.");
        }

        return entry;
    }

    private static string? InstalledVersion(string packageFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(packageFolder, "package.json")));
            return document.RootElement.GetProperty("version").GetString();
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The Twilio contract tests need Node.js and npm ('{fileName}' was not found: {exception.Message}). " +
                "Install them (Debian: apt-get install nodejs npm). " +
                (Environment.GetEnvironmentVariable("CI") == "true"
                    ? "CI=true: a missing tool is a failure here, never a skip."
                    : "These tests are not skipped without them."),
                exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}\n{await error}");
            }
        }
    }

    /// <summary>One <c>prism mock -p 0</c> process; its output is drained continuously so that it never blocks.</summary>
    private sealed class PrismProcess : IAsyncDisposable
    {
        private const int KeptLines = 60;

        private readonly Process process;
        private readonly Queue<string> lines = new();
        private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private PrismProcess(Process process)
        {
            this.process = process;
        }

        public string RecentOutput
        {
            get
            {
                lock (lines)
                {
                    return string.Join('\n', lines);
                }
            }
        }

        public static PrismProcess Start(string prismEntry, string spec)
        {
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { prismEntry, "mock", "-h", "127.0.0.1", "-p", "0", spec })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["NO_COLOR"] = "1";
            start.Environment["FORCE_COLOR"] = "0";
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var prism = new PrismProcess(process);
            process.OutputDataReceived += (_, e) => prism.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => prism.OnLine(e.Data);
            process.Exited += (_, _) => prism.listening.TrySetException(
                new InvalidOperationException($"Prism exited before listening ({spec}):\n{prism.RecentOutput}"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return prism;
        }

        public async Task<string> WaitUntilListeningAsync(TimeSpan timeout)
        {
            try
            {
                return await listening.Task.WaitAsync(timeout);
            }
            catch (TimeoutException exception)
            {
                throw new InvalidOperationException($"Prism did not say it was listening within {timeout}:\n{RecentOutput}", exception);
            }
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(line);
                while (lines.Count > KeptLines)
                {
                    lines.Dequeue();
                }
            }

            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or Win32Exception)
            {
                // Already gone, or not killable: nothing more to do here.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
