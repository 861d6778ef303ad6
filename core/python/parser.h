// parser.h — the parser: tokens (lexer.h) in, a syntax tree (ast.h) out. The grammar is Python 3's (statements,
// blocks, the full expression precedence, calls with */** arguments, comprehensions, lambdas, decorators,
// f-strings), so that valid code never fails to parse; what the evaluator does with each construct is its business.
// Bounded: expression trees deeper than 2 · kMaxNesting levels are refused with "nested too deeply".
#pragma once

#include "python/ast.h"

#include <string_view>

namespace convlens::py {

// A whole file. On a syntax error, `error` says where and `body` is empty.
Module parseModule(std::string_view source);

// One expression (a literal typed into a field, a `--call "Net(10)"` argument); the whole text must be the
// expression. nullptr and `*error` on a syntax error.
ExprPtr parseExpression(std::string_view source, SyntaxError *error);

} // namespace convlens::py
