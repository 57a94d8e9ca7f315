// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli;

return await CliApplication.RunAsync(args, Console.Out, Console.Error, TerminalColors.ShouldUseColor()).ConfigureAwait(false);
