// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.ObjectModel;

namespace Attractor.Dot;

/// <summary>
/// The extension lists of <see cref="PipelineLoader"/>: rejects nulls, keeps registration order, and
/// can be frozen so the shared <see cref="PipelineLoader.Default"/> cannot be changed by one caller for all.
/// </summary>
internal sealed class RegistrationList<T> : Collection<T>
    where T : class
{
    private readonly string _what;
    private bool _frozen;

    public RegistrationList(string what) => _what = what;

    public void Freeze() => _frozen = true;

    protected override void InsertItem(int index, T item)
    {
        ThrowIfFrozen();
        base.InsertItem(index, item ?? throw new ArgumentNullException(nameof(item), "A null " + _what + " cannot be registered."));
    }

    protected override void SetItem(int index, T item)
    {
        ThrowIfFrozen();
        base.SetItem(index, item ?? throw new ArgumentNullException(nameof(item), "A null " + _what + " cannot be registered."));
    }

    protected override void RemoveItem(int index)
    {
        ThrowIfFrozen();
        base.RemoveItem(index);
    }

    protected override void ClearItems()
    {
        ThrowIfFrozen();
        base.ClearItems();
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new NotSupportedException(
                "PipelineLoader.Default is shared and cannot be changed; create a new PipelineLoader to register a " + _what + ".");
        }
    }
}
