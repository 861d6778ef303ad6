// literal.cpp — a small recursive-descent reader for Python literals (no expressions, no names but None/True/False).
#include "python/literal.h"

namespace convlens {

namespace {

class LiteralReader
{
public:
    explicit LiteralReader(const QString &text) : m_text(text) {}

    std::optional<ParamValue> readAll(QString *error)
    {
        auto v = readValue();
        skipSpace();
        if (v && m_pos != m_text.size())
            fail(QStringLiteral("unexpected '%1' at column %2").arg(m_text.mid(m_pos, 8)).arg(m_pos + 1));
        if (!m_error.isEmpty()) {
            if (error)
                *error = m_error;
            return std::nullopt;
        }
        return v;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
    }
    std::optional<ParamValue> readValue()
    {
        if (++m_depth > 16) {
            fail(QStringLiteral("nested too deeply"));
            return std::nullopt;
        }
        skipSpace();
        std::optional<ParamValue> out;
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("expected a value"));
        } else {
            const QChar c = m_text.at(m_pos);
            if (c == u'(' || c == u'[')
                out = readTuple(c == u'(' ? u')' : u']');
            else if (c == u'\'' || c == u'"')
                out = readString(c);
            else if (c.isDigit() || c == u'-' || c == u'+' || c == u'.')
                out = readNumber();
            else
                out = readName();
        }
        --m_depth;
        return out;
    }
    std::optional<ParamValue> readTuple(char16_t close)
    {
        ++m_pos;
        ParamList items;
        bool sawComma = false;
        for (;;) {
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QChar(close)) {
                ++m_pos;
                break;
            }
            auto v = readValue();
            if (!v)
                return std::nullopt;
            items.push_back(*v);
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == u',') {
                ++m_pos;
                sawComma = true;
                continue;
            }
            if (m_pos < m_text.size() && m_text.at(m_pos) == QChar(close)) {
                ++m_pos;
                break;
            }
            fail(QStringLiteral("expected ',' or '%1' at column %2").arg(QChar(close)).arg(m_pos + 1));
            return std::nullopt;
        }
        // (3) is just 3 in Python; (3,) is a tuple.
        if (close == u')' && items.size() == 1 && !sawComma)
            return items.front();
        return ParamValue(std::move(items));
    }
    std::optional<ParamValue> readString(QChar quote)
    {
        ++m_pos;
        QString s;
        while (m_pos < m_text.size() && m_text.at(m_pos) != quote) {
            if (m_text.at(m_pos) == u'\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            s += m_text.at(m_pos++);
        }
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("unterminated string"));
            return std::nullopt;
        }
        ++m_pos;
        return ParamValue(s.toStdString());
    }
    std::optional<ParamValue> readNumber()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c.isDigit() || c == u'.' || c == u'e' || c == u'E' || c == u'_' ||
                ((c == u'-' || c == u'+') && (m_pos == start || m_text.at(m_pos - 1).toLower() == u'e')))
                ++m_pos;
            else
                break;
        }
        QString token = m_text.mid(start, m_pos - start);
        token.remove(u'_');
        bool ok = false;
        const qlonglong i = token.toLongLong(&ok);
        if (ok)
            return ParamValue(std::int64_t(i));
        const double d = token.toDouble(&ok);
        if (ok)
            return ParamValue(d);
        fail(QStringLiteral("'%1' is not a number").arg(token));
        return std::nullopt;
    }
    std::optional<ParamValue> readName()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && (m_text.at(m_pos).isLetterOrNumber() || m_text.at(m_pos) == u'_'))
            ++m_pos;
        const QString name = m_text.mid(start, m_pos - start);
        if (name == u"None")
            return ParamValue();
        if (name == u"True")
            return ParamValue(true);
        if (name == u"False")
            return ParamValue(false);
        fail(name.isEmpty() ? QStringLiteral("unexpected '%1'").arg(m_text.at(start))
                            : QStringLiteral("'%1' is not a literal (strings need quotes)").arg(name));
        return std::nullopt;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    QString m_error;
};

} // namespace

std::optional<ParamValue> parsePythonLiteral(const QString &text, QString *error)
{
    return LiteralReader(text).readAll(error);
}

QString toPythonText(const ParamValue &v)
{
    return QString::fromStdString(v.toPython());
}

} // namespace convlens
