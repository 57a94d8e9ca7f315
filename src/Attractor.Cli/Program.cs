// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using Attractor.Cli;

// The first Ctrl+C (or SIGTERM) cancels the command gracefully: a running pipeline stops its tools,
// keeps its last checkpoint and prints how to resume. A second Ctrl+C ends the process at once.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

return await CliApplication.RunAsync(args, CliConsole.ForProcess(), services: null, interrupt.Token).ConfigureAwait(false);

void OnSignal(PosixSignalContext context)
{
    if (interrupt.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    interrupt.Cancel();
}
