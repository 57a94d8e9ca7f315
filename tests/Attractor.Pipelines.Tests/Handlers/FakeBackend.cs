// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>A backend answering through a delegate and keeping the requests it saw.</summary>
internal sealed class FakeBackend(Func<CodergenRequest, CodergenResult> respond) : ICodergenBackend
{
    public List<CodergenRequest> Requests { get; } = [];

    public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(respond(request));
    }
}
