// literal.cpp — a Python literal typed into a property field, read with the same lexer and parser as model code (so
// strings, numbers and escapes mean exactly what they mean in a pasted model), then checked to be a literal: no
// names but None/True/False, no operators but a sign on a number.
#include "python/literal.h"

#include "python/parser.h"

namespace convlens {

namespace {

// The property editor's values are shallow (((1, 2), (0, 0)) at most); deeper text is a typo.
constexpr int kMaxLiteralDepth = 16;

std::optional<ParamValue> literalValue(const py::Expr &e, int depth, QString *why)
{
    using py::ExprKind;
    if (depth > kMaxLiteralDepth) {
        *why = QStringLiteral("nested too deeply");
        return std::nullopt;
    }
    switch (e.kind) {
    case ExprKind::Int:
        if (e.overflow)
            break;
        return ParamValue(e.intValue);
    case ExprKind::Float:
        if (e.imaginary)
            break;
        return ParamValue(e.floatValue);
    case ExprKind::Str: return ParamValue(e.text);
    case ExprKind::None: return ParamValue();
    case ExprKind::True: return ParamValue(true);
    case ExprKind::False: return ParamValue(false);
    case ExprKind::Unary: {
        const py::Expr &operand = *e.children[0];
        if (e.text == "~" || (operand.kind != ExprKind::Int && operand.kind != ExprKind::Float))
            break;
        auto v = literalValue(operand, depth + 1, why);
        if (!v || e.text == "+")
            return v;
        if (v->isInt())
            return ParamValue(-v->asInt());
        return ParamValue(-v->asNumber());
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
        ParamList items;
        for (const auto &c : e.children) {
            auto v = literalValue(*c, depth + 1, why);
            if (!v)
                return std::nullopt;
            items.push_back(std::move(*v));
        }
        return ParamValue(std::move(items));
    }
    case ExprKind::Name:
        *why = QStringLiteral("'%1' is not a literal (strings need quotes)").arg(QString::fromStdString(e.text));
        return std::nullopt;
    default: break;
    }
    *why = QStringLiteral("'%1' is not a literal value (a number, a quoted string, None, True, False or a tuple)")
               .arg(QString::fromStdString(py::shortText(e)));
    return std::nullopt;
}

} // namespace

std::optional<ParamValue> parsePythonLiteral(const QString &text, QString *error)
{
    QString why;
    std::optional<ParamValue> v;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        why = QStringLiteral("expected a value");
    } else {
        py::SyntaxError syntax;
        const py::ExprPtr e = py::parseExpression(trimmed.toStdString(), &syntax);
        if (!e)
            why = QStringLiteral("%1 (column %2)").arg(QString::fromStdString(syntax.message)).arg(syntax.column);
        else
            v = literalValue(*e, 0, &why);
    }
    if (!v && error)
        *error = why;
    return v;
}

QString toPythonText(const ParamValue &v)
{
    return QString::fromStdString(v.toPython());
}

} // namespace convlens
