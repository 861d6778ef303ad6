// ast.h — the syntax tree of the Python the evaluator reads: expressions, statements, parameters, a module. The
// parser (parser.h) builds it; the evaluator (evaluator.h) walks it. Plain structs: every node keeps its line and
// column for messages, and each expression the height of its subtree, so that walks can be bounded.
#pragma once

#include "python/lexer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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
    FormattedValue,// children[0] = the expression; text = format spec; ops[0] = conversion ("r", "s", "a") if any
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
    Lambda,        // params; children[0] = body
    Comprehension, // text = "list" | "set" | "dict" | "generator"; children[0] = element (dict: key, value first),
                   // then per clause in ops ("for": target, iterable; "if": condition)
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

struct Param {
    enum class Kind { Normal, VarArgs, KwArgs };
    Kind kind = Kind::Normal;
    std::string name;
    ExprPtr defaultValue;     // null when none
    bool keywordOnly = false; // after * or *args
};

struct Expr {
    ExprKind kind = ExprKind::None;
    int line = 0, column = 0;
    int depth = 1; // height of the tree below (bounded by 2 · kMaxNesting)
    std::string text;
    std::int64_t intValue = 0;
    bool overflow = false;
    double floatValue = 0;
    bool imaginary = false;
    std::vector<ExprPtr> children;
    std::vector<std::string> ops;
    std::vector<Argument> args;
    std::vector<Param> params; // Lambda
};

enum class StmtKind {
    Expr,       // value
    Assign,     // targets (one per `=`), value
    AugAssign,  // targets[0] op= value; text = the operator ("+=")
    AnnAssign,  // targets[0]: annotation [= value] (value may be null)
    Import,     // imports: (bound name, dotted module path); starImport for `from m import *`
    Pass,
    Return,     // value may be null
    If,         // branches: (condition, body) for if/elif; orelse
    For,        // targets[0] in value: body; orelse
    While,      // value: body; orelse
    With,       // items (context expressions), targets (their `as` names), body
    Try,        // body, handlers (with handlerTypes, handlerNames), orelse, finalbody
    Def,        // name, params, decorators, body
    Class,      // name, bases (as call arguments), decorators, body
    Global,     // names
    Nonlocal,   // names
    Break,
    Continue,
    Raise,      // value may be null
    Assert,     // value; items[0] = the message if any
    Del,        // value = the targets
    Py2Print,   // a Python 2 `print x` statement
};

struct Stmt {
    StmtKind kind = StmtKind::Pass;
    int line = 0, column = 0;
    std::string text;
    std::vector<ExprPtr> targets;
    ExprPtr value;
    std::vector<std::pair<ExprPtr, Block>> branches;
    Block body, orelse, finalbody;
    std::vector<Block> handlers;
    std::vector<ExprPtr> handlerTypes; // per handler; null for a bare `except:`
    std::vector<std::string> handlerNames; // per handler; `except E as name`, else empty
    std::vector<ExprPtr> items;
    std::vector<ExprPtr> decorators;
    std::string name;
    std::vector<std::string> names; // Global / Nonlocal
    std::vector<Param> params;
    std::vector<Argument> bases;
    std::vector<std::pair<std::string, std::string>> imports;
    bool starImport = false;
    std::string fromModule; // `from m import *`: m
};

struct Module {
    Block body;
    std::optional<SyntaxError> error; // the first syntax error; body is then empty
};

// A short Python spelling of an expression for messages: calls lose their arguments (`model.compile(...)`),
// long literals are cut.
std::string shortText(const Expr &e);
// The expression as written, arguments included, cut at 80 characters: `len(train_ds.class_names) > 2`.
std::string sourceText(const Expr &e);

} // namespace convlens::py
