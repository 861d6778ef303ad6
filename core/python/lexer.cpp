// python_lexer.cpp — the tokenizer. Follows CPython's tokenizer rules where pasted code depends on them
// (indentation stack, implicit joining, string prefixes and escapes), and is lenient where pasting from web pages
// mangles code (non-breaking spaces count as spaces); curly quotes get a message that says what to do.
#include "python/lexer.h"
#include "model/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace convlens::py {

namespace {

bool isIdentStart(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool isIdentChar(unsigned char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

struct Failure {
    SyntaxError error;
};

class Lexer {
public:
    explicit Lexer(std::string_view src) : s_(src)
    {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 byte order mark
            i_ = lineStart_ = 3;
    }

    TokenStream run()
    {
        TokenStream result;
        try {
            lex();
        } catch (const Failure &f) {
            result.error = f.error;
        }
        out_.push_back(Token{TokenKind::End, {}, line_, column()});
        result.tokens = std::move(out_);
        return result;
    }

private:
    std::string_view s_;
    size_t i_ = 0;
    int line_ = 1;
    size_t lineStart_ = 0;
    std::vector<int> indents_{0};
    struct Open {
        char c;
        int line, column;
    };
    std::vector<Open> brackets_;
    std::vector<Token> out_;

    int column() const { return int(i_ - lineStart_) + 1; }
    bool eof() const { return i_ >= s_.size(); }
    char at(size_t k) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

    [[noreturn]] void fail(int line, int col, std::string msg) const { throw Failure{{line, col, std::move(msg)}}; }
    [[noreturn]] void fail(std::string msg) const { fail(line_, column(), std::move(msg)); }

    void newline() // consumes \n, \r\n or \r
    {
        if (s_[i_] == '\r' && at(1) == '\n')
            ++i_;
        ++i_;
        ++line_;
        lineStart_ = i_;
    }
    void limit() const
    {
        if (out_.size() >= kMaxTokens)
            fail(tx(QT_TRANSLATE_NOOP("convlens::core", "the code is too long (more than %1 tokens)"),
                    {std::to_string(kMaxTokens)}));
    }
    bool atNewline() const { return !eof() && (s_[i_] == '\n' || s_[i_] == '\r'); }

    void push(TokenKind k, std::string text, int line, int col)
    {
        limit();
        Token t;
        t.kind = k;
        t.text = std::move(text);
        t.line = line;
        t.column = col;
        out_.push_back(std::move(t));
    }

    // Curly quotes and other typography that pasting from a web page or a word processor brings in.
    void checkTypography()
    {
        static constexpr std::array<std::string_view, 4> quotes{"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
                                                                 "\xE2\x80\x9D"};
        for (auto q : quotes)
            if (s_.substr(i_, q.size()) == q)
                fail(tx(QT_TRANSLATE_NOOP("convlens::core",
                                          "invalid character '%1': curly quotes are not Python quotes; use ' or \""),
                        {std::string(q)}));
    }

    // Measures the indentation of a new logical line and emits INDENT/DEDENT. Returns false on a blank line.
    bool indentation()
    {
        int width = 0;
        while (!eof()) {
            const char c = s_[i_];
            if (c == ' ')
                ++width;
            else if (c == '\t')
                width = (width / 8 + 1) * 8;
            else if (c == '\f')
                width = 0;
            else if (c == '\xC2' && at(1) == '\xA0')
                ++width, ++i_;
            else
                break;
            ++i_;
        }
        if (eof())
            return false;
        if (s_[i_] == '#') {
            while (!eof() && !atNewline())
                ++i_;
            if (!eof())
                newline();
            return false;
        }
        if (atNewline()) {
            newline();
            return false;
        }
        if (s_[i_] == '\\' && (at(1) == '\n' || at(1) == '\r')) { // a continuation line that starts blank
            ++i_;
            newline();
            return false;
        }
        if (width > indents_.back()) {
            if (int(indents_.size()) > kMaxNesting)
                fail(tx(QT_TRANSLATE_NOOP("convlens::core", "nested too deeply (more than %1 indentation levels)"),
                        {std::to_string(kMaxNesting)}));
            indents_.push_back(width);
            push(TokenKind::Indent, {}, line_, column());
        } else {
            while (width < indents_.back()) {
                indents_.pop_back();
                push(TokenKind::Dedent, {}, line_, column());
            }
            if (width != indents_.back())
                fail(line_, column(), "unindent does not match any outer indentation level");
        }
        return true;
    }

    void lex()
    {
        bool lineStart = true;
        while (true) {
            if (lineStart && brackets_.empty()) {
                if (!indentation()) {
                    if (eof())
                        break;
                    continue;
                }
                lineStart = false;
            }
            if (eof())
                break;
            const char c = s_[i_];
            if (c == ' ' || c == '\t' || c == '\f') {
                ++i_;
            } else if (c == '\xC2' && at(1) == '\xA0') {
                i_ += 2;
            } else if (c == '#') {
                while (!eof() && !atNewline())
                    ++i_;
            } else if (c == '\\') {
                ++i_;
                if (!atNewline()) {
                    if (eof())
                        fail("unexpected end of file after line continuation character");
                    fail("unexpected character after line continuation character");
                }
                newline();
            } else if (c == '\n' || c == '\r') {
                if (brackets_.empty()) {
                    push(TokenKind::Newline, {}, line_, column());
                    lineStart = true;
                }
                newline();
            } else if (isDigit(c) || (c == '.' && isDigit(at(1)))) {
                number();
            } else if (c == '\'' || c == '"') {
                string(false, false, false, line_, column());
            } else if (isIdentStart(static_cast<unsigned char>(c))) {
                checkTypography();
                name();
            } else {
                op();
            }
        }
        if (!brackets_.empty()) {
            const Open &o = brackets_.back();
            fail(o.line, o.column, std::string("'") + o.c + "' was never closed");
        }
        if (!out_.empty() && out_.back().kind != TokenKind::Newline && out_.back().kind != TokenKind::Dedent)
            push(TokenKind::Newline, {}, line_, column());
        while (indents_.size() > 1) {
            indents_.pop_back();
            push(TokenKind::Dedent, {}, line_, column());
        }
    }

    void name()
    {
        const int line = line_, col = column();
        const size_t start = i_;
        while (!eof() && isIdentChar(static_cast<unsigned char>(s_[i_]))) {
            if (static_cast<unsigned char>(s_[i_]) >= 0x80)
                checkTypography();
            if (s_[i_] == '\xC2' && at(1) == '\xA0') // a non-breaking space ends the name
                break;
            ++i_;
        }
        const std::string_view word = s_.substr(start, i_ - start);
        if (!eof() && (s_[i_] == '\'' || s_[i_] == '"') && word.size() <= 2) {
            bool raw = false, bytes = false, fmt = false, ok = true;
            for (char p : word) {
                switch (p | 0x20) { // lower case
                case 'r': ok = ok && !raw, raw = true; break;
                case 'b': ok = ok && !bytes && !fmt, bytes = true; break;
                case 'f': ok = ok && !bytes && !fmt, fmt = true; break;
                case 'u': ok = ok && word.size() == 1; break;
                default: ok = false;
                }
            }
            if (ok) {
                string(raw, bytes, fmt, line, col);
                return;
            }
        }
        push(TokenKind::Name, std::string(word), line, col);
    }

    static void appendUtf8(std::string &out, std::uint32_t cp)
    {
        if (cp > 0x10FFFF)
            cp = 0xFFFD;
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            return (c | 0x20) - 'a' + 10;
        return -1;
    }

    void escape(std::string &out, bool bytes)
    {
        // s_[i_] is the backslash
        const int line = line_, col = column();
        ++i_;
        if (eof())
            return;
        const char c = s_[i_];
        if (c == '\n' || c == '\r') { // backslash-newline inside a string: both vanish
            newline();
            return;
        }
        ++i_;
        switch (c) {
        case 'n': out += '\n'; return;
        case 't': out += '\t'; return;
        case 'r': out += '\r'; return;
        case '\\': out += '\\'; return;
        case '\'': out += '\''; return;
        case '"': out += '"'; return;
        case 'a': out += '\a'; return;
        case 'b': out += '\b'; return;
        case 'f': out += '\f'; return;
        case 'v': out += '\v'; return;
        case 'x':
        case 'u':
        case 'U': {
            const int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            if (c != 'x' && bytes) {
                out += '\\';
                out += c;
                return;
            }
            std::uint32_t v = 0;
            for (int k = 0; k < digits; ++k) {
                const int h = eof() ? -1 : hexValue(s_[i_]);
                if (h < 0)
                    fail(line, col, std::string("invalid \\") + c + " escape in a string");
                v = v * 16 + std::uint32_t(h);
                ++i_;
            }
            if (c == 'x' && bytes)
                out += char(v);
            else
                appendUtf8(out, v);
            return;
        }
        default:
            if (c >= '0' && c <= '7') {
                std::uint32_t v = std::uint32_t(c - '0');
                for (int k = 0; k < 2 && !eof() && s_[i_] >= '0' && s_[i_] <= '7'; ++k, ++i_)
                    v = v * 8 + std::uint32_t(s_[i_] - '0');
                appendUtf8(out, v);
                return;
            }
            out += '\\'; // unknown escapes (\N{…}, \d in a regex) stay as written, as in Python
            out += c;
        }
    }

    void string(bool raw, bool bytes, bool fmt, int line, int col)
    {
        const char q = s_[i_];
        const bool triple = at(1) == q && at(2) == q;
        i_ += triple ? 3 : 1;
        std::string value;
        while (true) {
            if (eof()) {
                if (triple)
                    fail(line, col, "unterminated triple-quoted string literal (detected at line " +
                                        std::to_string(line_) + ")");
                fail(line, col, "unterminated string literal (detected at line " + std::to_string(line_) + ")");
            }
            const char c = s_[i_];
            if (c == q && (!triple || (at(1) == q && at(2) == q))) {
                i_ += triple ? 3 : 1;
                break;
            }
            if (c == '\n' || c == '\r') {
                if (!triple)
                    fail(line, col, "unterminated string literal (detected at line " + std::to_string(line_) + ")");
                newline();
                value += '\n';
                continue;
            }
            if (c == '\\') {
                if (raw || fmt) { // f-strings are decoded later, piece by piece; raw strings keep backslashes
                    value += c;
                    ++i_;
                    if (eof())
                        continue;
                    if (atNewline()) {
                        newline();
                        value += '\n';
                    } else {
                        value += s_[i_++];
                    }
                    continue;
                }
                escape(value, bytes);
                continue;
            }
            value += c;
            ++i_;
        }
        Token t;
        t.kind = TokenKind::String;
        t.text = std::move(value);
        t.line = line;
        t.column = col;
        t.bytes = bytes;
        t.formatted = fmt;
        limit();
        out_.push_back(std::move(t));
    }

    void number()
    {
        const int line = line_, col = column();
        const size_t start = i_;
        Token t;
        t.line = line;
        t.column = col;
        int base = 10;
        if (s_[i_] == '0' && (at(1) | 0x20) == 'x')
            base = 16;
        else if (s_[i_] == '0' && (at(1) | 0x20) == 'o')
            base = 8;
        else if (s_[i_] == '0' && (at(1) | 0x20) == 'b')
            base = 2;
        if (base != 10) {
            i_ += 2;
            std::int64_t v = 0;
            bool overflow = false, any = false;
            while (!eof()) {
                const char c = s_[i_];
                if (c == '_') {
                    ++i_;
                    continue;
                }
                const int d = hexValue(c);
                if (d < 0 || d >= base)
                    break;
                any = true;
                if (__builtin_mul_overflow(v, std::int64_t(base), &v) || __builtin_add_overflow(v, d, &v))
                    overflow = true;
                ++i_;
            }
            if (!any)
                fail(line, col, "invalid number literal");
            t.kind = TokenKind::Int;
            t.intValue = overflow ? 0 : v;
            t.overflow = overflow;
        } else {
            std::string clean;
            bool isFloat = false;
            const auto digits = [&] {
                while (!eof() && (isDigit(s_[i_]) || (s_[i_] == '_' && i_ + 1 < s_.size() && isDigit(s_[i_ + 1])))) {
                    if (s_[i_] != '_')
                        clean += s_[i_];
                    ++i_;
                }
            };
            digits();
            if (!eof() && s_[i_] == '.') {
                isFloat = true;
                clean += '.';
                ++i_;
                digits();
            }
            if (!eof() && (s_[i_] | 0x20) == 'e' &&
                (isDigit(at(1)) || ((at(1) == '+' || at(1) == '-') && isDigit(at(2))))) {
                isFloat = true;
                clean += 'e';
                ++i_;
                if (s_[i_] == '+' || s_[i_] == '-')
                    clean += s_[i_++];
                digits();
            }
            if (!eof() && (s_[i_] | 0x20) == 'j') {
                ++i_;
                t.imaginary = true;
                isFloat = true;
            }
            if (isFloat) {
                t.kind = TokenKind::Float;
                if (clean.front() == '.')
                    clean.insert(clean.begin(), '0');
                if (clean.back() == '.')
                    clean += '0';
                double d = 0;
                auto [p, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), d);
                if (ec == std::errc::result_out_of_range) // 1e400 is inf in Python, 1e-400 is 0.0
                    d = clean.find("e-") != std::string::npos ? 0.0 : HUGE_VAL;
                (void)p;
                t.floatValue = d;
            } else {
                t.kind = TokenKind::Int;
                std::int64_t v = 0;
                bool overflow = false;
                for (char c : clean)
                    if (__builtin_mul_overflow(v, std::int64_t(10), &v) || __builtin_add_overflow(v, c - '0', &v))
                        overflow = true;
                t.intValue = overflow ? 0 : v;
                t.overflow = overflow;
            }
        }
        if (!eof() && isIdentChar(static_cast<unsigned char>(s_[i_])) && !(s_[i_] == '\xC2' && at(1) == '\xA0'))
            fail(line, col, "invalid decimal literal");
        t.text = std::string(s_.substr(start, i_ - start));
        limit();
        out_.push_back(std::move(t));
    }

    void op()
    {
        static constexpr std::array<std::string_view, 48> ops{
            "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=",
            "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",
            "^",   "~",   "<",   ">",   "(",   ")",  "[",  "]",  "{",  "}",  ",",  ":",  ";",  ".",  "=",  "!"};
        const int line = line_, col = column();
        for (auto o : ops) {
            if (s_.substr(i_, o.size()) != o)
                continue;
            if (o == "!")
                break;
            i_ += o.size();
            const char c = o[0];
            if (o.size() == 1 && (c == '(' || c == '[' || c == '{')) {
                if (int(brackets_.size()) >= kMaxNesting)
                    fail(line, col,
                         tx(QT_TRANSLATE_NOOP("convlens::core", "nested too deeply (more than %1 brackets)"),
                            {std::to_string(kMaxNesting)}));
                brackets_.push_back({c, line, col});
            } else if (o.size() == 1 && (c == ')' || c == ']' || c == '}')) {
                if (brackets_.empty())
                    fail(line, col, std::string("unmatched '") + c + "'");
                const char open = brackets_.back().c;
                const char want = open == '(' ? ')' : open == '[' ? ']' : '}';
                if (c != want)
                    fail(line, col, std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" +
                                        open + "'" +
                                        (brackets_.back().line != line
                                             ? " on line " + std::to_string(brackets_.back().line)
                                             : std::string()));
                brackets_.pop_back();
            }
            push(TokenKind::Op, std::string(o), line, col);
            return;
        }
        const unsigned char c = static_cast<unsigned char>(s_[i_]);
        std::string shown = c >= 0x20 && c < 0x7F ? std::string(1, char(c)) : "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
        fail(line, col, "invalid character '" + shown + "'");
    }
};

} // namespace

TokenStream tokenize(std::string_view source)
{
    return Lexer(source).run();
}

} // namespace convlens::py
