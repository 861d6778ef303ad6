// python_lexer.h — tokenizer for the Python the importers read: names, numbers, strings, operators, with line and
// column; comments dropped; implicit line joining inside brackets and backslash continuation; INDENT/DEDENT for
// blocks. Bounded: bracket and indentation nesting stop at kMaxNesting, integer literals are overflow-checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convlens::py {

// Deeper nesting than this (brackets, indentation, expressions) is refused with "nested too deeply".
constexpr int kMaxNesting = 100;
// More tokens than this is refused ("the code is too long"): a bound on the memory the token list and tree take.
constexpr std::size_t kMaxTokens = 500'000;

enum class TokenKind { Name, Int, Float, String, Op, Newline, Indent, Dedent, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;          // Name/Op: as written; String: the decoded value; Int/Float: as written
    int line = 0, column = 0;  // 1-based start; column counts bytes
    std::int64_t intValue = 0; // Int
    bool overflow = false;     // Int literal that does not fit in 64 bits
    double floatValue = 0;     // Float
    bool imaginary = false;    // 3j
    bool formatted = false;    // f-string: `text` is the raw template
    bool bytes = false;        // b'…'
};

struct SyntaxError {
    int line = 0, column = 0;
    std::string message;
};

struct TokenStream {
    std::vector<Token> tokens; // always ends with End (also after an error: the tokens up to it)
    std::optional<SyntaxError> error;
};

TokenStream tokenize(std::string_view source);

} // namespace convlens::py
