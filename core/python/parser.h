// python_parser.h — a syntax tree for the Python the importers read, and its parser. The grammar is Python 3's
// (statements, blocks, the full expression precedence, calls with */** arguments, comprehensions, lambdas,
// f-strings) so that valid code never fails to parse; what the importers do with each construct is their business.
// Bounded: expression trees deeper than kMaxNesting levels are refused with "nested too deeply".
#pragma once

#include "python/lexer.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convlens::py {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

enum class ExprKind {
    Name,          // text = identifier
    Int,           // intValue (overflow: too large for 64 bits; text = the literal)
    Float,         // floatValue (imaginary: 2j)
    Str,           // text = value (adjacent literals joined)
    FStr,          // children: Str pieces and FormattedValue pieces
    FormattedValue,// children[0] = the expression; text = format spec
    None,
    True,
    False,
    Ellipsis,
    Tuple,         // children = elements
    List,
    Set,
    Dict,          // children = key, value, key, value…; a null key means **value
    Attribute,     // children[0] = object; text = attribute name
    Call,          // children[0] = callee; args
    Subscript,     // children[0] = object, children[1] = index (a Tuple for a[i, j])
    Slice,         // children = lower, upper, step (each may be null)
    Unary,         // text = "-", "+", "~"; children[0]
    Binary,        // text = operator; children[0], children[1]
    Compare,       // children = operands; ops = operators ("<", "in", "not in", "is not", …)
    And,           // children = operands
    Or,
    Not,           // children[0]
    IfElse,        // children = body, condition, orelse
    Lambda,        // children[0] = body (parameters are parsed and dropped)
    Comprehension, // text = "list" | "set" | "dict" | "generator"; children[0] = element (dict: key, value first)
    Starred,       // *x (in calls, lists, targets); children[0]
    Yield,         // children[0] may be null
    Await,         // children[0]
    Walrus,        // children = target, value
};

struct Argument {
    enum class Kind { Positional, Keyword, Star, DoubleStar };
    Kind kind = Kind::Positional;
    std::string keyword;
    ExprPtr value;
};

struct Expr {
    ExprKind kind = ExprKind::None;
    int line = 0, column = 0;
    int depth = 1; // height of the tree below (bounded by kMaxNesting)
    std::string text;
    std::int64_t intValue = 0;
    bool overflow = false;
    double floatValue = 0;
    bool imaginary = false;
    std::vector<ExprPtr> children;
    std::vector<std::string> ops;
    std::vector<Argument> args;
};

enum class StmtKind {
    Expr,       // value
    Assign,     // targets (one per `=`), value
    AugAssign,  // targets[0] op= value
    AnnAssign,  // targets[0]: annotation [= value] (value may be null)
    Import,     // imports: (bound name, dotted module path); starImport for `from m import *`
    Pass,
    Return,     // value may be null
    If,         // branches: (condition, body) for if/elif; orelse
    For,        // targets[0] in value: body; orelse
    While,      // value: body; orelse
    With,       // items (context expressions), body
    Try,        // body, handlers, orelse, finalbody
    Def,        // name, params, body (decorators dropped)
    Class,      // name, bases (as call arguments), body
    Global,     // global / nonlocal
    Other,      // del / assert / raise / break / continue; text = the keyword
    Py2Print,   // a Python 2 `print x` statement
};

struct Param {
    enum class Kind { Normal, VarArgs, KwArgs };
    Kind kind = Kind::Normal;
    std::string name;
    ExprPtr defaultValue; // null when none
};

struct Stmt {
    StmtKind kind = StmtKind::Pass;
    int line = 0, column = 0;
    std::string text; // Other: keyword; AugAssign: operator ("+=")
    std::vector<ExprPtr> targets;
    ExprPtr value;
    std::vector<std::pair<ExprPtr, Block>> branches;
    Block body, orelse, finalbody;
    std::vector<Block> handlers;
    std::vector<ExprPtr> items;
    std::string name;
    std::vector<Param> params;
    std::vector<Argument> bases;
    std::vector<std::pair<std::string, std::string>> imports;
    bool starImport = false;
};

struct Module {
    Block body;
    std::optional<SyntaxError> error; // the first syntax error; body is then empty
};

Module parseModule(std::string_view source);

// A short Python spelling of an expression for messages: calls lose their arguments (`model.compile(...)`),
// long literals are cut.
std::string shortText(const Expr &e);

} // namespace convlens::py
