// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Pipelines.Tests.Artifacts;

/// <summary>§5.5 artifact store: the 100 KB file-backing threshold and the store operations.</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "attractor-artifacts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private string FileOf(string id) => Path.Combine(_root, "artifacts", id + ".json");

    [Fact]
    public async Task Small_artifacts_stay_in_memory_and_large_ones_go_to_disk()
    {
        var store = new ArtifactStore(_root);
        var small = await store.StoreAsync("small", "Small", new { text = "hello" });
        var large = await store.StoreAsync("large", "Large", new { text = new string('x', 150 * 1024) });

        Assert.False(small.IsFileBacked);
        Assert.False(File.Exists(FileOf("small")));
        Assert.True(large.IsFileBacked);
        Assert.True(File.Exists(FileOf("large")));
        Assert.True(large.SizeBytes > ArtifactStore.DefaultFileBackingThreshold);
        Assert.Equal("hello", (string?)(await store.RetrieveAsync("small"))!["text"]);
        Assert.Equal(150 * 1024, ((string?)(await store.RetrieveAsync("large"))!["text"])!.Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "artifacts"), "*.tmp"));
    }

    [Fact]
    public async Task The_threshold_is_strictly_greater_than_100_kb()
    {
        var store = new ArtifactStore(_root);

        // A JSON string of n characters serializes to n + 2 bytes (the quotes).
        var exactly = await store.StoreAsync("exact", "Exact", new string('a', (100 * 1024) - 2));
        var over = await store.StoreAsync("over", "Over", new string('a', (100 * 1024) - 1));
        Assert.Equal(100 * 1024, exactly.SizeBytes);
        Assert.False(exactly.IsFileBacked);
        Assert.True(over.IsFileBacked);
    }

    [Fact]
    public async Task Without_a_base_directory_nothing_is_file_backed()
    {
        var store = new ArtifactStore();
        var info = await store.StoreAsync("big", "Big", new string('b', 200 * 1024));
        Assert.False(info.IsFileBacked);
        Assert.Equal(200 * 1024, (await store.RetrieveAsync<string>("big"))!.Length);
    }

    [Fact]
    public async Task Retrieving_a_missing_artifact_names_it()
    {
        var store = new ArtifactStore(_root);
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RetrieveAsync("nope"));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Has_list_remove_and_clear()
    {
        var time = new Attractor.Pipelines.Tests.Engine.ManualTimeProvider();
        var store = new ArtifactStore(_root, timeProvider: time);
        await store.StoreAsync("b", "Bee", 1);
        await store.StoreAsync("a", "Ay", new string('z', 200 * 1024));
        Assert.True(store.Has("a"));
        Assert.False(store.Has("c"));
        Assert.Equal(["a", "b"], store.List().Select(i => i.Id));
        Assert.Equal("Bee", store.List()[1].Name);
        Assert.Equal(time.GetUtcNow(), store.List()[1].StoredAt);

        Assert.True(store.Remove("a"));
        Assert.False(File.Exists(FileOf("a")));
        Assert.False(store.Remove("a"));

        await store.StoreAsync("c", "Sea", new string('z', 200 * 1024));
        store.Clear();
        Assert.Empty(store.List());
        Assert.False(File.Exists(FileOf("c")));
    }

    [Fact]
    public async Task Replacing_a_file_backed_artifact_with_a_small_one_deletes_the_file()
    {
        var store = new ArtifactStore(_root);
        await store.StoreAsync("x", "X", new string('z', 200 * 1024));
        await store.StoreAsync("x", "X", "small");
        Assert.False(File.Exists(FileOf("x")));
        Assert.Equal("small", (await store.RetrieveAsync("x"))!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_stores_and_reads_are_safe()
    {
        var store = new ArtifactStore(_root, fileBackingThreshold: 64);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var id = "art" + i;
            await store.StoreAsync(id, id, new JsonObject { ["i"] = i, ["pad"] = new string('p', i * 4) });
            Assert.Equal(i, (int?)(await store.RetrieveAsync(id))!["i"]);
        })));
        Assert.Equal(40, store.List().Count);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Ids_that_are_not_file_names_are_refused(string id)
    {
        var store = new ArtifactStore(_root);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.StoreAsync(id, "n", 1));
    }

    [Fact]
    public async Task Index_existing_files_registers_file_backed_artifacts_of_an_earlier_store_only()
    {
        var earlier = new ArtifactStore(_root, fileBackingThreshold: 10);
        await earlier.StoreAsync("big", "Big", new string('b', 100));
        await earlier.StoreAsync("tiny", "Tiny", "x");
        await File.WriteAllTextAsync(Path.Combine(_root, "artifacts", ".big.json.0123.tmp"), "torn");

        var later = new ArtifactStore(_root, fileBackingThreshold: 10);
        Assert.Equal(1, later.IndexExistingFiles());
        Assert.Equal(0, later.IndexExistingFiles());

        var info = Assert.Single(later.List());
        Assert.Equal("big", info.Id);
        Assert.True(info.IsFileBacked);
        Assert.Equal(new FileInfo(FileOf("big")).Length, info.SizeBytes);
        Assert.Equal(new string('b', 100), await later.RetrieveAsync<string>("big"));
        Assert.False(later.Has("tiny"));
    }
}
