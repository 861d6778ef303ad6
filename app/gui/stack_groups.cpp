// stack_groups.cpp — grouping the stack's rows by Layer::scope.
#include "stack_groups.h"

#include <algorithm>

namespace convlens {

QStringList scopeChain(const QString &scope)
{
    QStringList chain;
    if (scope.isEmpty())
        return chain;
    if (scope.contains(u':')) { // Keras: "name:Type" segments joined by '/'
        QString key;
        for (const QString &segment : scope.split(u'/', Qt::SkipEmptyParts)) {
            key = key.isEmpty() ? segment : key + u'/' + segment;
            chain << key;
        }
        return chain;
    }
    QString key; // PyTorch: a dotted module path
    for (const QString &part : scope.split(u'.', Qt::SkipEmptyParts)) {
        key = key.isEmpty() ? part : key + u'.' + part;
        chain << key;
    }
    return chain;
}

QString scopeLabel(const QString &key)
{
    if (!key.contains(u':'))
        return key;
    const QString last = key.section(u'/', -1);
    return last.section(u':', 0, 0);
}

StackGroups StackGroups::compute(const std::vector<QStringList> &chains)
{
    StackGroups g;
    const int rows = int(chains.size());
    g.starting.resize(size_t(rows));
    g.depth.resize(size_t(rows));
    std::vector<int> open; // the groups of the previous row, outer first
    for (int r = 0; r < rows; ++r) {
        const QStringList &chain = chains[size_t(r)];
        g.depth[size_t(r)] = int(chain.size());
        // Keep the open groups the row shares (a common prefix of the chain), close the rest, open the new ones.
        size_t keep = 0;
        while (keep < open.size() && keep < size_t(chain.size()) &&
               g.groups[size_t(open[keep])].key == chain[qsizetype(keep)])
            ++keep;
        open.resize(keep);
        for (qsizetype d = qsizetype(keep); d < chain.size(); ++d) {
            StackGroup s;
            s.key = chain[d];
            s.label = scopeLabel(s.key);
            s.depth = int(d);
            s.first = s.last = r;
            g.groups.push_back(s);
            open.push_back(int(g.groups.size()) - 1);
            g.starting[size_t(r)].push_back(open.back());
        }
        for (int i : open)
            g.groups[size_t(i)].last = r;
    }
    return g;
}

bool StackGroups::hidden(int row, const QSet<QString> &collapsed) const
{
    for (const StackGroup &s : groups)
        if (s.first < row && row <= s.last && collapsed.contains(s.key))
            return true;
    return false;
}

std::vector<int> StackGroups::headers(int row, const QSet<QString> &collapsed) const
{
    std::vector<int> out;
    if (row < 0 || size_t(row) >= starting.size())
        return out;
    for (int i : starting[size_t(row)]) {
        out.push_back(i);
        if (collapsed.contains(groups[size_t(i)].key))
            break;
    }
    return out;
}

bool StackGroups::showsLayer(int row, const QSet<QString> &collapsed) const
{
    return foldedGroup(row, collapsed) < 0;
}

int StackGroups::foldedGroup(int row, const QSet<QString> &collapsed) const
{
    if (row < 0 || size_t(row) >= starting.size())
        return -1;
    for (int i : starting[size_t(row)])
        if (collapsed.contains(groups[size_t(i)].key))
            return i;
    return -1;
}

std::vector<int> StackGroups::editRows(const std::vector<int> &rows, const QSet<QString> &collapsed) const
{
    std::vector<int> out;
    for (int r : rows) {
        const int g = foldedGroup(r, collapsed);
        if (g < 0) {
            out.push_back(r);
            continue;
        }
        for (int i = groups[size_t(g)].first; i <= groups[size_t(g)].last; ++i)
            out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::int64_t groupParams(const StackGroup &group, const std::vector<std::int64_t> &params,
                         const std::vector<QString> &modulePaths)
{
    std::int64_t sum = 0;
    QSet<QString> counted;
    for (int r = group.first; r <= group.last && size_t(r) < params.size(); ++r) {
        const QString path = size_t(r) < modulePaths.size() ? modulePaths[size_t(r)] : QString();
        if (!path.isEmpty()) {
            if (counted.contains(path))
                continue;
            counted.insert(path);
        }
        sum += params[size_t(r)];
    }
    return sum;
}

} // namespace convlens
