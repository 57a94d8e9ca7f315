// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Attractor.Llm.Tests.HighLevel;

public sealed class GenerateTests
{
    [Fact]
    public async Task A_prompt_becomes_one_user_message_after_the_system_message()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("Hello there", input: 12, output: 3));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", System = "Be brief.", Prompt = "Say hello" });

        Assert.Equal("Hello there", result.Text);
        Assert.Equal(FinishReason.Stop, result.FinishReason.Reason);
        Assert.Equal(12, result.Usage.InputTokens);
        var request = Assert.Single(adapter.Requests);
        Assert.Equal("m", request.Model);
        Assert.Collection(
            request.Messages,
            m => Assert.Equal((Role.System, "Be brief."), (m.Role, m.Text)),
            m => Assert.Equal((Role.User, "Say hello"), (m.Role, m.Text)));
    }

    [Fact]
    public async Task A_message_list_is_sent_as_given_with_the_system_message_first()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("Paris"));
        using var client = new LlmClient([adapter], "scripted");
        Message[] history = [Message.User("Capital of Italy?"), Message.Assistant("Rome"), Message.User("And France?")];

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", System = "Geography.", Messages = history });

        Assert.Equal("Paris", result.Text);
        var sent = Assert.Single(adapter.Requests).Messages;
        Assert.Equal(4, sent.Count);
        Assert.Equal(Role.System, sent[0].Role);
        Assert.Equal(history, sent.Skip(1));
    }

    [Fact]
    public async Task Prompt_and_messages_together_are_rejected_before_any_call()
    {
        var adapter = new ScriptedAdapter();
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "a", Messages = [Message.User("b")] }));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m" }));
        Assert.Empty(adapter.Requests);
    }

    [Fact]
    public async Task Request_parameters_pass_through_to_the_provider()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("ok"));
        using var client = new LlmClient([adapter], "scripted");
        var providerOptions = new JsonObject { ["scripted"] = new JsonObject { ["flag"] = true } };

        await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Provider = "scripted",
            Temperature = 0.3,
            TopP = 0.9,
            MaxTokens = 77,
            StopSequences = ["END"],
            ReasoningEffort = "high",
            ResponseFormat = ResponseFormat.Json,
            ToolChoice = ToolChoice.Required,
            Tools = [Tool.Passive("lookup", "Looks up.", """{"type":"object"}""")],
            ProviderOptions = providerOptions,
        });

        var request = Assert.Single(adapter.Requests);
        Assert.Equal(("scripted", 0.3, 0.9, 77, "high"), (request.Provider, request.Temperature, request.TopP, request.MaxTokens, request.ReasoningEffort));
        Assert.Equal(["END"], request.StopSequences);
        Assert.Same(ResponseFormat.Json, request.ResponseFormat);
        Assert.Same(ToolChoice.Required, request.ToolChoice);
        Assert.Equal("lookup", Assert.Single(request.Tools!).Name);
        Assert.Same(providerOptions, request.ProviderOptions);
    }

    [Fact]
    public async Task Without_a_model_the_catalogs_latest_model_of_the_provider_is_used()
    {
        var adapter = new ScriptedAdapter("anthropic").Respond(Fake.Text("hi")).Respond(Fake.Text("hi"));
        using var client = new LlmClient([adapter], "anthropic");

        await Llm.GenerateAsync(new GenerateOptions { Client = client, Prompt = "p" });
        await Llm.GenerateAsync(new GenerateOptions { Client = client, Prompt = "p", Provider = "anthropic" });

        Assert.All(adapter.Requests, r => Assert.Equal("claude-opus-4-6", r.Model));
    }

    [Fact]
    public async Task Without_a_model_an_unknown_provider_is_a_configuration_error()
    {
        using var client = new LlmClient([new ScriptedAdapter()], "scripted");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Llm.GenerateAsync(new GenerateOptions { Client = client, Prompt = "p" }));

        Assert.Contains("scripted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_wraps_high_level_calls_in_registration_order_and_unwinds_in_reverse()
    {
        var log = new List<string>();
        var adapter = new ScriptedAdapter().Respond(Fake.Text("ok"));
        using var client = new LlmClient([adapter], "scripted", [new Recording("outer", log), new Recording("inner", log)]);

        await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });

        Assert.Equal(["outer:request", "inner:request", "inner:response", "outer:response"], log);
    }

    [Fact]
    public async Task Middleware_wraps_high_level_streams_in_registration_order()
    {
        var log = new List<string>();
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(Fake.Text("ok"), "ok"));
        using var client = new LlmClient([adapter], "scripted", [new Recording("outer", log), new Recording("inner", log)]);

        var response = await Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }).ResponseAsync();

        Assert.Equal("ok", response.Text);
        Assert.Equal(["outer:stream", "inner:stream", "inner:finish", "outer:finish"], log);
    }

    private sealed class Recording(string name, List<string> log) : LlmMiddleware
    {
        public override async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            log.Add(name + ":stream");
            await foreach (var item in next(request, cancellationToken).WithCancellation(cancellationToken))
            {
                if (item.Type == StreamEventType.Finish)
                {
                    log.Add(name + ":finish");
                }

                yield return item;
            }
        }

        public override async Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
        {
            log.Add(name + ":request");
            var response = await next(request, cancellationToken);
            log.Add(name + ":response");
            return response;
        }
    }
}
