// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Runs;

/// <summary>What became of an answer sent from the web.</summary>
internal enum AnswerOutcome
{
    /// <summary>The gate has its answer.</summary>
    Answered,

    /// <summary>No such question (404).</summary>
    NotFound,

    /// <summary>The question was answered already, timed out or was cancelled (409).</summary>
    Conflict,

    /// <summary>The body does not fit the question (400); it stays pending.</summary>
    Invalid,
}
