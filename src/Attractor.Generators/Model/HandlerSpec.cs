// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Model;

/// <summary>A custom handler type the project must implement through a partial method.</summary>
/// <param name="Type">The <c>type</c> attribute value the handler is registered under.</param>
/// <param name="MethodName">The partial method's name, e.g. <c>HandleDeployAsync</c>.</param>
/// <param name="NodeIds">The nodes of that type, in declaration order, for the method's documentation.</param>
internal sealed record HandlerSpec(string Type, string MethodName, EquatableArray<string> NodeIds);
