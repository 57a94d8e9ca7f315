// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>
/// The engine's incremental checkpoint writer must produce, byte for byte, what serializing a
/// <see cref="Checkpoint"/> of the same state with <see cref="CheckpointStore.SaveAsync"/> produces,
/// at every step of a run (it re-encodes only what changed since the previous checkpoint).
/// </summary>
public sealed class CheckpointWriterTests
{
    // CheckpointStore.SaveAsync's settings.
    private static readonly JsonSerializerOptions StoreOptions = new() { WriteIndented = true };

    private static readonly DateTimeOffset Time = new(2026, 12, 1, 8, 0, 0, 123, TimeSpan.FromHours(1));

    [Fact]
    public void Writes_the_same_bytes_as_the_serializer_as_the_state_grows_and_changes()
    {
        var writer = new CheckpointWriter();
        var completed = new List<string>();
        var retries = new Dictionary<string, int>(StringComparer.Ordinal);
        var context = new PipelineContext();

        // Empty lists and objects.
        AssertSame(writer, string.Empty, completed, retries, context);

        context.Set("graph.goal", "ship \"it\" — now");
        context.Set("Zeta", 1);
        context.Set("alpha", true);
        context.Set("big", 1L << 40);
        context.Set("ratio", 0.25);
        context.Set("nothing", null);
        context.Set("long", new string('x', 300) + "é\n<tag>");
        context.Set("json", new JsonObject { ["k"] = new JsonArray(1, "two", null) });
        context.Set("list", new List<object?> { "a", 2, false });
        context.Set("map", new Dictionary<string, object?>(StringComparer.Ordinal) { ["b"] = 1, ["a"] = "x" });
        for (var i = 0; i < 30; i++)
        {
            completed.Add("n" + i);
            context.AppendLog("n" + i + ": success — \"quoted\" \u0001");
            context.Set("outcome", i % 2 == 0 ? "success" : "partial_success");
            if (i == 10)
            {
                retries["n9"] = 2;
                retries["N1"] = 1;
            }

            if (i == 20)
            {
                // Same key, a new long value: the cached encoding must not be reused.
                context.Set("long", new string('y', 400));
                context.Set("added_late", "a new key changes the key order");
            }

            AssertSame(writer, "n" + i, completed, retries, context);
        }

        // Replaced state (a restart): a shorter list and a new context start over.
        var restarted = new PipelineContext();
        restarted.AppendLog("fresh");
        AssertSame(writer, "r", ["r"], retries, restarted);
        AssertSame(writer, string.Empty, [], [], new PipelineContext());
    }

    [Fact]
    public async Task Save_writes_the_file_atomically_and_leaves_no_temp_file()
    {
        using var dir = new EngineTempDirectory();
        var root = dir.Run();
        var writer = new CheckpointWriter();
        var context = new PipelineContext();
        context.Set("k", "v");
        context.AppendLog("entry");

        // The run directory does not exist yet: the writer creates it.
        writer.Save(root, Time, "a", ["start", "a"], [], context);
        writer.Save(root, Time, "b", ["start", "a", "b"], [], context);

        var loaded = await CheckpointStore.LoadAsync(root);
        Assert.Equal("b", loaded.CurrentNode);
        Assert.Equal(["start", "a", "b"], loaded.CompletedNodes);
        Assert.Equal("v", loaded.Context["k"]);
        Assert.Equal(["entry"], loaded.Logs);
        Assert.Equal([Checkpoint.FileName], Directory.GetFiles(root).Select(Path.GetFileName));
    }

    private static void AssertSame(CheckpointWriter writer, string current, List<string> completed, Dictionary<string, int> retries, PipelineContext context)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(
            new Checkpoint
            {
                Timestamp = Time,
                CurrentNode = current,
                CompletedNodes = [.. completed],
                NodeRetries = new SortedDictionary<string, int>(retries, StringComparer.Ordinal),
                Context = context.Snapshot(),
                Logs = context.Logs,
            },
            StoreOptions);
        var actual = writer.Serialize(Time, current, completed, retries, context);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
    }
}
