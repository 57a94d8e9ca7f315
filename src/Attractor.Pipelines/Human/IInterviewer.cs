// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>Presents questions to a human and returns answers (attractor-spec §6.1).</summary>
public interface IInterviewer
{
    /// <summary>Asks one question.</summary>
    Task<Answer> AskAsync(Question question, CancellationToken cancellationToken);

    /// <summary>Asks several questions, answering each in order.</summary>
    Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken);

    /// <summary>Tells the human something without expecting an answer.</summary>
    Task InformAsync(string message, string stage, CancellationToken cancellationToken);
}
