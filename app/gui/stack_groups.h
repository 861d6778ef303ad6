// stack_groups.h — the groups of the layer stack, as plain values tested without a view (STYLE.md §8). Layers
// imported from an nn.Module class or a Keras model with nested models carry the module or model they were made in
// (Layer::scope: "layer1.0", "encoder:Sequential/block:Functional"). The stack shows each group as a header row —
// its module path, its layer count and the output of its last layer — above its layers, indented; a click on the
// header collapses the group to that one line. Groups nest (layer1 holds layer1.0 and layer1.1).
//
// The model stays flat: a collapsed group hides its rows in the view (QListView::setRowHidden) and its first row is
// drawn as the header alone, so drags and undo act on the same rows as before. Delete on a folded header deletes the
// whole group (editRows), in one undo step; Duplicate refuses a folded header (a copy of each layer would go right below
// it, interleaving the group, not copying it as a block).
#pragma once

#include <QSet>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace convlens {

// The chain of groups a row is in, outermost first: PyTorch "layer1.0" → {"layer1", "layer1.0"}; Keras
// "encoder:Sequential/block:Functional" → {"encoder:Sequential", "encoder:Sequential/block:Functional"}.
QStringList scopeChain(const QString &scope);
// What a group's header calls it: the PyTorch module path ("layer1.0"), the Keras model's name ("block").
QString scopeLabel(const QString &key);

struct StackGroup {
    QString key;   // the group's chain entry
    QString label; // scopeLabel(key)
    int depth = 0; // 0 for an outermost group
    int first = 0, last = 0; // its rows, inclusive
    int rowCount() const { return last - first + 1; }
};

struct StackGroups {
    std::vector<StackGroup> groups;        // by first row, outer before inner
    std::vector<std::vector<int>> starting; // per row: the groups (indexes) that begin on it, outer first
    std::vector<int> depth;                // per row: how many groups it is in

    // `chains[row]` is scopeChain of the row's layer. A group is a run of consecutive rows sharing a chain entry (a
    // module called again later starts a second run: the stack shows rows in graph order).
    static StackGroups compute(const std::vector<QStringList> &chains);
    bool empty() const { return groups.empty(); }

    // With `collapsed` (group keys) folded: whether a row is hidden (inside a collapsed group, not its first row),
    // the headers drawn above a row (the groups beginning on it, up to and including the first collapsed one), and
    // whether the row's own line shows (no group beginning on it is collapsed).
    bool hidden(int row, const QSet<QString> &collapsed) const;
    std::vector<int> headers(int row, const QSet<QString> &collapsed) const;
    bool showsLayer(int row, const QSet<QString> &collapsed) const;
    // The group a row stands for when it is drawn as a folded header alone (the outermost collapsed group beginning
    // on it), or -1 when its own line shows.
    int foldedGroup(int row, const QSet<QString> &collapsed) const;
    // The rows an edit of the selected `rows` (sorted) acts on: a folded header stands for every row of its group.
    std::vector<int> editRows(const std::vector<int> &rows, const QSet<QString> &collapsed) const;
};

// A group's parameter count, as Keras's summary gives a nested model's row: the sum over its rows (`params[row]`),
// a module called twice (one non-empty `modulePaths[row]`) counted once.
std::int64_t groupParams(const StackGroup &group, const std::vector<std::int64_t> &params,
                         const std::vector<QString> &modulePaths);

} // namespace convlens
