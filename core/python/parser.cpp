// parser.cpp — recursive descent over the token stream, following the Python 3 grammar
// (Grammar/python.gram) closely enough that tutorial code parses and broken code fails with CPython-like messages.
// Recursion is guarded: the expression functions count their depth, and every node records the height of its
// subtree, so neither parsing nor later tree walks can exhaust the stack.
#include "python/parser.h"
#include "model/text.h"

#include <algorithm>
#include <array>

namespace convlens::py {

namespace {

struct Failure {
    SyntaxError error;
};

constexpr int kMaxTreeHeight = 2 * kMaxNesting;

bool isKeyword(std::string_view w)
{
    static constexpr std::array<std::string_view, 35> kw{
        "False", "None",   "True",    "and",      "as",   "assert", "async", "await",  "break",
        "class", "continue", "def",   "del",      "elif", "else",   "except", "finally", "for",
        "from",  "global", "if",      "import",   "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",   "raise",   "return",   "try",  "while",  "with",   "yield"};
    return std::find(kw.begin(), kw.end(), w) != kw.end();
}

class Parser {
public:
    explicit Parser(const std::vector<Token> &tokens) : t_(tokens) {}

    Block file()
    {
        Block out;
        while (cur().kind != TokenKind::End) {
            if (cur().kind == TokenKind::Newline) {
                advance();
                continue;
            }
            statement(out);
        }
        return out;
    }

    ExprPtr expressionOnly() // the pieces of f-strings, parseExpression()
    {
        if (cur().kind == TokenKind::Indent) // text that starts with spaces
            advance();
        ExprPtr e = testlistStarExpr();
        while (cur().kind == TokenKind::Newline || cur().kind == TokenKind::Dedent)
            advance();
        if (cur().kind != TokenKind::End)
            unexpected();
        return e;
    }

private:
    const std::vector<Token> &t_;
    size_t p_ = 0;
    int depth_ = 0;

    struct Guard {
        Parser &p;
        explicit Guard(Parser &parser) : p(parser)
        {
            if (++p.depth_ > kMaxTreeHeight)
                p.fail(p.cur(), tx(QT_TRANSLATE_NOOP("convlens::core",
                                                     "nested too deeply (an expression more than %1 levels deep)"),
                                   {std::to_string(kMaxNesting)}));
        }
        ~Guard() { --p.depth_; }
    };

    const Token &cur() const { return t_[p_]; }
    const Token &peek(size_t k = 1) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
    void advance()
    {
        if (p_ + 1 < t_.size())
            ++p_;
    }
    bool isOp(std::string_view o) const { return cur().kind == TokenKind::Op && cur().text == o; }
    bool isKw(std::string_view k) const { return cur().kind == TokenKind::Name && cur().text == k; }
    bool acceptOp(std::string_view o)
    {
        if (!isOp(o))
            return false;
        advance();
        return true;
    }
    bool acceptKw(std::string_view k)
    {
        if (!isKw(k))
            return false;
        advance();
        return true;
    }
    void expectOp(std::string_view o)
    {
        if (!acceptOp(o)) {
            if (cur().kind == TokenKind::End || cur().kind == TokenKind::Newline)
                fail(cur(), "expected '" + std::string(o) + "'");
            unexpected();
        }
    }
    void expectKw(std::string_view k)
    {
        if (!acceptKw(k))
            fail(cur(), "expected '" + std::string(k) + "'");
    }
    std::string expectName()
    {
        if (cur().kind != TokenKind::Name || isKeyword(cur().text))
            unexpected();
        std::string n = cur().text;
        advance();
        return n;
    }

    [[noreturn]] void fail(const Token &t, std::string msg) const { throw Failure{{t.line, t.column, std::move(msg)}}; }
    [[noreturn]] void unexpected() const
    {
        const Token &t = cur();
        switch (t.kind) {
        case TokenKind::End: fail(t, "unexpected end of file");
        case TokenKind::Indent: fail(t, "unexpected indent");
        case TokenKind::Dedent: fail(t, "invalid syntax (unexpected unindent)");
        case TokenKind::Newline: fail(t, "invalid syntax (the statement is incomplete)");
        default: break;
        }
        const std::string shown = t.kind == TokenKind::String ? "string" : "'" + t.text + "'";
        fail(t, "invalid syntax (unexpected " + shown + ")");
    }

    ExprPtr node(ExprKind k, const Token &at)
    {
        auto e = std::make_unique<Expr>();
        e->kind = k;
        e->line = at.line;
        e->column = at.column;
        return e;
    }
    ExprPtr node(ExprKind k, const Expr &at)
    {
        auto e = std::make_unique<Expr>();
        e->kind = k;
        e->line = at.line;
        e->column = at.column;
        return e;
    }
    // Records the subtree height; refuses trees too tall to walk recursively.
    ExprPtr finish(ExprPtr e)
    {
        int h = 0;
        for (const auto &c : e->children)
            if (c)
                h = std::max(h, c->depth);
        for (const auto &a : e->args)
            if (a.value)
                h = std::max(h, a.value->depth);
        e->depth = h + 1;
        if (e->depth > kMaxTreeHeight)
            throw Failure{
                {e->line, e->column,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "nested too deeply (an expression more than %1 levels deep)"),
                    {std::to_string(kMaxNesting)})}};
        return e;
    }

    bool endOfStatement() const
    {
        return cur().kind == TokenKind::Newline || cur().kind == TokenKind::End || isOp(";");
    }
    bool startsExpr() const
    {
        const Token &t = cur();
        switch (t.kind) {
        case TokenKind::Name:
            return !isKeyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
                   t.text == "not" || t.text == "lambda" || t.text == "await" || t.text == "yield";
        case TokenKind::Int:
        case TokenKind::Float:
        case TokenKind::String: return true;
        case TokenKind::Op:
            return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
                   t.text == "~" || t.text == "..." || t.text == "*";
        default: return false;
        }
    }

    // ------------------------------------------------------------------------------------------- statements

    void statement(Block &out)
    {
        if (cur().kind == TokenKind::Indent)
            fail(cur(), "unexpected indent");
        if (cur().kind == TokenKind::Dedent)
            unexpected();
        if (isOp("@")) {
            std::vector<ExprPtr> decorators;
            while (acceptOp("@")) {
                decorators.push_back(namedExprTest());
                if (cur().kind != TokenKind::Newline)
                    unexpected();
                advance();
            }
            acceptKw("async");
            if (!isKw("def") && !isKw("class"))
                fail(cur(), "invalid syntax (a decorator must be followed by def or class)");
            StmtPtr s = compound();
            s->decorators = std::move(decorators);
            out.push_back(std::move(s));
            return;
        }
        if (isKw("async") && peek().kind == TokenKind::Name &&
            (peek().text == "def" || peek().text == "for" || peek().text == "with"))
            advance();
        if (isKw("if") || isKw("for") || isKw("while") || isKw("with") || isKw("try") || isKw("def") ||
            isKw("class")) {
            out.push_back(compound());
            return;
        }
        simpleLine(out);
    }

    void simpleLine(Block &out)
    {
        while (true) {
            out.push_back(smallStatement());
            if (!acceptOp(";"))
                break;
            if (cur().kind == TokenKind::Newline || cur().kind == TokenKind::End)
                break;
        }
        if (cur().kind == TokenKind::Newline)
            advance();
        else if (cur().kind != TokenKind::End)
            unexpected();
    }

    StmtPtr stmt(StmtKind k, const Token &at)
    {
        auto s = std::make_unique<Stmt>();
        s->kind = k;
        s->line = at.line;
        s->column = at.column;
        return s;
    }

    std::string dottedName()
    {
        std::string n = expectName();
        while (acceptOp("."))
            n += "." + expectName();
        return n;
    }

    StmtPtr smallStatement()
    {
        const Token start = cur();
        if (start.kind == TokenKind::Name) {
            const std::string &w = start.text;
            if (w == "pass") {
                advance();
                return stmt(StmtKind::Pass, start);
            }
            if (w == "break" || w == "continue") {
                advance();
                return stmt(w == "break" ? StmtKind::Break : StmtKind::Continue, start);
            }
            if (w == "return") {
                advance();
                auto s = stmt(StmtKind::Return, start);
                if (!endOfStatement())
                    s->value = testlistStarExpr();
                return s;
            }
            if (w == "import")
                return importName();
            if (w == "from")
                return importFrom();
            if (w == "global" || w == "nonlocal") {
                advance();
                auto s = stmt(w == "global" ? StmtKind::Global : StmtKind::Nonlocal, start);
                do
                    s->names.push_back(expectName());
                while (acceptOp(","));
                return s;
            }
            if (w == "del" || w == "assert" || w == "raise") {
                advance();
                auto s = stmt(w == "del" ? StmtKind::Del : w == "assert" ? StmtKind::Assert : StmtKind::Raise, start);
                s->text = w;
                if (w == "del") {
                    s->value = exprList();
                } else if (w == "assert") {
                    s->value = test();
                    if (acceptOp(","))
                        s->items.push_back(test());
                } else if (!endOfStatement()) {
                    s->value = test();
                    if (acceptKw("from"))
                        s->items.push_back(test());
                }
                return s;
            }
            if (w == "print" && py2Print())
                return skipPy2Print(start);
        }
        ExprPtr first = isKw("yield") ? yieldExpr() : testlistStarExpr();
        if (isOp(":")) { // annotated assignment
            advance();
            checkTarget(*first, true);
            auto s = stmt(StmtKind::AnnAssign, start);
            test();
            if (acceptOp("="))
                s->value = isKw("yield") ? yieldExpr() : testlistStarExpr();
            s->targets.push_back(std::move(first));
            return s;
        }
        static constexpr std::array<std::string_view, 13> aug{"+=", "-=", "*=", "/=", "//=", "%=", "**=",
                                                              ">>=", "<<=", "&=", "|=", "^=", "@="};
        if (cur().kind == TokenKind::Op && std::find(aug.begin(), aug.end(), cur().text) != aug.end()) {
            auto s = stmt(StmtKind::AugAssign, start);
            s->text = cur().text;
            advance();
            checkTarget(*first, true);
            s->value = isKw("yield") ? yieldExpr() : testlist();
            s->targets.push_back(std::move(first));
            return s;
        }
        if (isOp("=")) {
            auto s = stmt(StmtKind::Assign, start);
            ExprPtr value = std::move(first);
            while (acceptOp("=")) {
                checkTarget(*value, false);
                s->targets.push_back(std::move(value));
                value = isKw("yield") ? yieldExpr() : testlistStarExpr();
            }
            s->value = std::move(value);
            return s;
        }
        auto s = stmt(StmtKind::Expr, start);
        s->value = std::move(first);
        return s;
    }

    // `print x` / `print >>f, x` / `print "a"` (Python 2): recognised so that old tutorials still import.
    bool py2Print() const
    {
        const Token &n = peek();
        if (n.kind == TokenKind::Newline || n.kind == TokenKind::End)
            return false;
        if (n.kind == TokenKind::Op)
            return n.text == ">>" || n.text == "-" || n.text == "~";
        return n.kind != TokenKind::Name || !isKeyword(n.text) || n.text == "None" || n.text == "True" ||
               n.text == "False" || n.text == "not" || n.text == "lambda";
    }
    StmtPtr skipPy2Print(const Token &start)
    {
        while (!endOfStatement())
            advance();
        return stmt(StmtKind::Py2Print, start);
    }

    void checkTarget(const Expr &e, bool single)
    {
        switch (e.kind) {
        case ExprKind::Name:
        case ExprKind::Attribute:
        case ExprKind::Subscript: return;
        case ExprKind::Tuple:
        case ExprKind::List:
            if (single)
                break;
            for (const auto &c : e.children)
                checkTarget(*c, false);
            return;
        case ExprKind::Starred:
            if (single)
                break;
            checkTarget(*e.children[0], false);
            return;
        default: break;
        }
        std::string what = e.kind == ExprKind::Call ? "function call"
                           : e.kind == ExprKind::Int || e.kind == ExprKind::Float || e.kind == ExprKind::Str
                               ? "literal"
                               : "expression";
        throw Failure{{e.line, e.column, "cannot assign to " + what}};
    }

    StmtPtr importName()
    {
        auto s = stmt(StmtKind::Import, cur());
        advance();
        do {
            const std::string path = dottedName();
            if (acceptKw("as"))
                s->imports.emplace_back(expectName(), path);
            else
                s->imports.emplace_back(path.substr(0, path.find('.')), path.substr(0, path.find('.')));
        } while (acceptOp(","));
        return s;
    }

    StmtPtr importFrom()
    {
        auto s = stmt(StmtKind::Import, cur());
        advance();
        std::string module;
        while (isOp(".") || isOp("...")) {
            module += cur().text;
            advance();
        }
        if (!isKw("import"))
            module += dottedName();
        expectKw("import");
        if (acceptOp("*")) {
            s->starImport = true;
            s->fromModule = module;
            return s;
        }
        const bool paren = acceptOp("(");
        do {
            if (paren && isOp(")"))
                break;
            const std::string n = expectName();
            const std::string full = module.empty() || module.back() == '.' ? module + n : module + "." + n;
            s->imports.emplace_back(acceptKw("as") ? expectName() : n, full);
        } while (acceptOp(","));
        if (paren)
            expectOp(")");
        return s;
    }

    // A clause keyword (`else`, `finally`) at cur(), its colon and its block.
    Block clauseSuite(std::string_view what)
    {
        const int line = cur().line;
        advance();
        expectOp(":");
        return suite(what, line);
    }

    Block suite(std::string_view what, int line)
    {
        Block body;
        if (cur().kind == TokenKind::Newline) {
            advance();
            if (cur().kind != TokenKind::Indent)
                fail(cur(), "expected an indented block after " + std::string(what) + " on line " +
                                std::to_string(line));
            advance();
            while (cur().kind != TokenKind::Dedent && cur().kind != TokenKind::End)
                statement(body);
            if (cur().kind == TokenKind::Dedent)
                advance();
            return body;
        }
        simpleLine(body);
        return body;
    }

    StmtPtr compound()
    {
        const Token start = cur();
        const std::string w = start.text;
        advance();
        if (w == "if") {
            auto s = stmt(StmtKind::If, start);
            ExprPtr cond = namedExprTest();
            expectOp(":");
            s->branches.emplace_back(std::move(cond), suite("'if' statement", start.line));
            while (isKw("elif")) {
                const int line = cur().line;
                advance();
                ExprPtr c = namedExprTest();
                expectOp(":");
                s->branches.emplace_back(std::move(c), suite("'elif' statement", line));
            }
            if (isKw("else"))
                s->orelse = clauseSuite("'else' statement");
            return s;
        }
        if (w == "for") {
            auto s = stmt(StmtKind::For, start);
            ExprPtr target = exprList();
            checkTarget(*target, false);
            s->targets.push_back(std::move(target));
            expectKw("in");
            s->value = testlistStarExpr();
            expectOp(":");
            s->body = suite("'for' statement", start.line);
            if (isKw("else"))
                s->orelse = clauseSuite("'else' statement");
            return s;
        }
        if (w == "while") {
            auto s = stmt(StmtKind::While, start);
            s->value = namedExprTest();
            expectOp(":");
            s->body = suite("'while' statement", start.line);
            if (isKw("else"))
                s->orelse = clauseSuite("'else' statement");
            return s;
        }
        if (w == "with") {
            auto s = stmt(StmtKind::With, start);
            const bool parenthesised = isOp("(") && parenthesisedWithItems();
            if (parenthesised)
                advance();
            do {
                if (parenthesised && isOp(")"))
                    break;
                s->items.push_back(test());
                if (acceptKw("as")) {
                    ExprPtr target = expr();
                    checkTarget(*target, false);
                    s->targets.push_back(std::move(target));
                }
            } while (acceptOp(","));
            if (parenthesised)
                expectOp(")");
            expectOp(":");
            s->body = suite("'with' statement", start.line);
            return s;
        }
        if (w == "try") {
            auto s = stmt(StmtKind::Try, start);
            expectOp(":");
            s->body = suite("'try' statement", start.line);
            while (isKw("except")) {
                const int line = cur().line;
                advance();
                acceptOp("*");
                ExprPtr type;
                std::string name;
                if (!isOp(":")) {
                    type = test();
                    if (acceptKw("as"))
                        name = expectName();
                    else if (acceptOp(","))
                        test();
                }
                expectOp(":");
                s->handlerTypes.push_back(std::move(type));
                s->handlerNames.push_back(std::move(name));
                s->handlers.push_back(suite("'except' statement", line));
            }
            if (isKw("else") && !s->handlers.empty())
                s->orelse = clauseSuite("'else' statement");
            if (isKw("finally"))
                s->finalbody = clauseSuite("'finally' statement");
            if (s->handlers.empty() && s->finalbody.empty())
                fail(cur(), "expected 'except' or 'finally' block");
            return s;
        }
        if (w == "def") {
            auto s = stmt(StmtKind::Def, start);
            s->name = expectName();
            expectOp("(");
            s->params = parameters(")", true);
            expectOp(")");
            if (acceptOp("->"))
                test();
            expectOp(":");
            s->body = suite("function definition", start.line);
            return s;
        }
        // class
        auto s = stmt(StmtKind::Class, start);
        s->name = expectName();
        if (acceptOp("(")) {
            s->bases = arguments();
            expectOp(")");
        }
        expectOp(":");
        s->body = suite("class definition", start.line);
        return s;
    }

    // Whether `with (` starts Python 3.10's parenthesised item list: an `as` at the first bracket level.
    bool parenthesisedWithItems() const
    {
        int depth = 0;
        for (size_t k = p_; k < t_.size(); ++k) {
            const Token &t = t_[k];
            if (t.kind == TokenKind::Op) {
                if (t.text == "(" || t.text == "[" || t.text == "{")
                    ++depth;
                else if (t.text == ")" || t.text == "]" || t.text == "}") {
                    if (--depth == 0)
                        return false;
                }
            } else if (t.kind == TokenKind::Name && t.text == "as" && depth == 1) {
                return true;
            } else if (t.kind == TokenKind::Newline || t.kind == TokenKind::End) {
                return false;
            }
        }
        return false;
    }

    std::vector<Param> parameters(std::string_view closer, bool annotations)
    {
        std::vector<Param> ps;
        bool sawDefault = false, keywordOnly = false;
        while (!isOp(closer)) {
            Param prm;
            if (acceptOp("/")) {
                if (!acceptOp(","))
                    break;
                continue;
            }
            if (acceptOp("**")) {
                prm.kind = Param::Kind::KwArgs;
                prm.name = expectName();
            } else if (acceptOp("*")) {
                prm.kind = Param::Kind::VarArgs;
                keywordOnly = true;
                if (isOp(",") || isOp(closer)) { // bare *: keyword-only parameters follow
                    if (!acceptOp(","))
                        break;
                    sawDefault = false;
                    continue;
                }
                prm.name = expectName();
            } else {
                prm.name = expectName();
                prm.keywordOnly = keywordOnly;
            }
            if (annotations && acceptOp(":"))
                test();
            if (acceptOp("=")) {
                prm.defaultValue = test();
                sawDefault = true;
            } else if (sawDefault && prm.kind == Param::Kind::Normal) {
                fail(cur(), "parameter without a default follows parameter with a default");
            }
            ps.push_back(std::move(prm));
            if (!acceptOp(","))
                break;
        }
        return ps;
    }

    // ------------------------------------------------------------------------------------------- expressions

    ExprPtr yieldExpr()
    {
        const Token start = cur();
        expectKw("yield");
        auto e = node(ExprKind::Yield, start);
        acceptKw("from");
        e->children.push_back(endOfStatement() || isOp(")") ? nullptr : testlistStarExpr());
        return finish(std::move(e));
    }

    // test (',' test)* — a Tuple when there is a comma. `star` allows *x elements.
    ExprPtr tupleOf(bool star, bool named)
    {
        const Token start = cur();
        auto one = [&]() -> ExprPtr {
            if (star && isOp("*"))
                return starExpr();
            return named ? namedExprTest() : test();
        };
        ExprPtr first = one();
        if (!isOp(","))
            return first;
        auto t = node(ExprKind::Tuple, start);
        t->children.push_back(std::move(first));
        while (acceptOp(",")) {
            if (!startsExpr())
                break;
            t->children.push_back(one());
        }
        return finish(std::move(t));
    }
    ExprPtr testlistStarExpr() { return tupleOf(true, false); }
    ExprPtr testlist() { return tupleOf(false, false); }

    ExprPtr exprList()
    {
        const Token start = cur();
        auto one = [&]() -> ExprPtr { return isOp("*") ? starExpr() : expr(); };
        ExprPtr first = one();
        if (!isOp(","))
            return first;
        auto t = node(ExprKind::Tuple, start);
        t->children.push_back(std::move(first));
        while (acceptOp(",")) {
            if (!startsExpr() || isKw("in"))
                break;
            t->children.push_back(one());
        }
        return finish(std::move(t));
    }

    ExprPtr starExpr()
    {
        const Token start = cur();
        expectOp("*");
        auto e = node(ExprKind::Starred, start);
        e->children.push_back(expr());
        return finish(std::move(e));
    }

    ExprPtr namedExprTest()
    {
        ExprPtr e = test();
        if (isOp(":=")) {
            if (e->kind != ExprKind::Name)
                fail(cur(), "cannot use assignment expressions with this target");
            advance();
            auto w = node(ExprKind::Walrus, *e);
            w->children.push_back(std::move(e));
            w->children.push_back(test());
            return finish(std::move(w));
        }
        return e;
    }

    ExprPtr test()
    {
        Guard g(*this);
        if (isKw("lambda"))
            return lambda(true);
        ExprPtr e = orTest();
        if (isKw("if")) {
            advance();
            auto ie = node(ExprKind::IfElse, *e);
            ExprPtr cond = orTest();
            expectKw("else");
            ExprPtr other = test();
            ie->children.push_back(std::move(e));
            ie->children.push_back(std::move(cond));
            ie->children.push_back(std::move(other));
            return finish(std::move(ie));
        }
        return e;
    }

    ExprPtr lambda(bool full)
    {
        const Token start = cur();
        expectKw("lambda");
        std::vector<Param> params = parameters(":", false);
        expectOp(":");
        auto e = node(ExprKind::Lambda, start);
        e->params = std::move(params);
        e->children.push_back(full ? test() : orTest());
        return finish(std::move(e));
    }

    ExprPtr boolChain(ExprKind kind, std::string_view kw, ExprPtr (Parser::*next)())
    {
        ExprPtr first = (this->*next)();
        if (!isKw(kw))
            return first;
        auto e = node(kind, *first);
        e->children.push_back(std::move(first));
        while (acceptKw(kw))
            e->children.push_back((this->*next)());
        return finish(std::move(e));
    }
    ExprPtr orTest() { return boolChain(ExprKind::Or, "or", &Parser::andTest); }
    ExprPtr andTest() { return boolChain(ExprKind::And, "and", &Parser::notTest); }

    ExprPtr notTest()
    {
        if (isKw("not")) {
            Guard g(*this);
            const Token start = cur();
            advance();
            auto e = node(ExprKind::Not, start);
            e->children.push_back(notTest());
            return finish(std::move(e));
        }
        return comparison();
    }

    ExprPtr comparison()
    {
        ExprPtr first = expr();
        std::unique_ptr<Expr> cmp;
        while (true) {
            std::string op;
            if (cur().kind == TokenKind::Op &&
                (cur().text == "<" || cur().text == ">" || cur().text == "==" || cur().text == ">=" ||
                 cur().text == "<=" || cur().text == "!=")) {
                op = cur().text;
                advance();
            } else if (isKw("in")) {
                op = "in";
                advance();
            } else if (isKw("not") && peek().kind == TokenKind::Name && peek().text == "in") {
                op = "not in";
                advance();
                advance();
            } else if (isKw("is")) {
                advance();
                op = acceptKw("not") ? "is not" : "is";
            } else {
                break;
            }
            if (!cmp) {
                cmp = node(ExprKind::Compare, *first);
                cmp->children.push_back(std::move(first));
            }
            cmp->ops.push_back(op);
            cmp->children.push_back(expr());
        }
        return cmp ? finish(std::move(cmp)) : std::move(first);
    }

    template <size_t N>
    ExprPtr binaryChain(const std::array<std::string_view, N> &ops, ExprPtr (Parser::*next)())
    {
        ExprPtr left = (this->*next)();
        while (cur().kind == TokenKind::Op && std::find(ops.begin(), ops.end(), cur().text) != ops.end()) {
            auto e = node(ExprKind::Binary, *left);
            e->text = cur().text;
            advance();
            e->children.push_back(std::move(left));
            e->children.push_back((this->*next)());
            left = finish(std::move(e));
        }
        return left;
    }
    ExprPtr expr() { return binaryChain(std::array<std::string_view, 1>{"|"}, &Parser::xorExpr); }
    ExprPtr xorExpr() { return binaryChain(std::array<std::string_view, 1>{"^"}, &Parser::andExpr); }
    ExprPtr andExpr() { return binaryChain(std::array<std::string_view, 1>{"&"}, &Parser::shiftExpr); }
    ExprPtr shiftExpr() { return binaryChain(std::array<std::string_view, 2>{"<<", ">>"}, &Parser::arithExpr); }
    ExprPtr arithExpr() { return binaryChain(std::array<std::string_view, 2>{"+", "-"}, &Parser::term); }
    ExprPtr term()
    {
        return binaryChain(std::array<std::string_view, 5>{"*", "/", "//", "%", "@"}, &Parser::factor);
    }

    ExprPtr factor()
    {
        if (isOp("-") || isOp("+") || isOp("~")) {
            Guard g(*this);
            const Token start = cur();
            advance();
            auto e = node(ExprKind::Unary, start);
            e->text = start.text;
            e->children.push_back(factor());
            return finish(std::move(e));
        }
        return power();
    }

    ExprPtr power()
    {
        ExprPtr base = atomExpr();
        if (isOp("**")) {
            Guard g(*this);
            auto e = node(ExprKind::Binary, *base);
            e->text = "**";
            advance();
            e->children.push_back(std::move(base));
            e->children.push_back(factor());
            return finish(std::move(e));
        }
        return base;
    }

    ExprPtr atomExpr()
    {
        if (isKw("await")) {
            Guard g(*this);
            const Token start = cur();
            advance();
            auto e = node(ExprKind::Await, start);
            e->children.push_back(atomExpr());
            return finish(std::move(e));
        }
        ExprPtr e = atom();
        while (true) {
            if (isOp("(")) {
                advance();
                auto c = node(ExprKind::Call, *e);
                c->children.push_back(std::move(e));
                c->args = arguments();
                expectOp(")");
                e = finish(std::move(c));
            } else if (isOp("[")) {
                advance();
                auto s = node(ExprKind::Subscript, *e);
                s->children.push_back(std::move(e));
                s->children.push_back(subscripts());
                expectOp("]");
                e = finish(std::move(s));
            } else if (isOp(".")) {
                advance();
                auto a = node(ExprKind::Attribute, *e);
                a->text = expectName();
                a->children.push_back(std::move(e));
                e = finish(std::move(a));
            } else {
                return e;
            }
        }
    }

    std::vector<Argument> arguments()
    {
        std::vector<Argument> args;
        bool sawKeyword = false, sawDoubleStar = false;
        while (!isOp(")")) {
            Argument a;
            const Token at = cur();
            if (acceptOp("**")) {
                a.kind = Argument::Kind::DoubleStar;
                a.value = test();
                sawDoubleStar = true;
            } else if (acceptOp("*")) {
                if (sawDoubleStar)
                    fail(at, "iterable argument unpacking follows keyword argument unpacking");
                a.kind = Argument::Kind::Star;
                a.value = test();
            } else {
                ExprPtr v = namedExprTest();
                if (isOp("=")) {
                    if (v->kind != ExprKind::Name)
                        fail(cur(), "expression cannot contain assignment, perhaps you meant \"==\"?");
                    advance();
                    a.kind = Argument::Kind::Keyword;
                    a.keyword = v->text;
                    a.value = test();
                    sawKeyword = true;
                } else {
                    if (isKw("for") || isKw("async"))
                        v = comprehension("generator", std::move(v), nullptr);
                    if (sawDoubleStar)
                        fail(at, "positional argument follows keyword argument unpacking");
                    if (sawKeyword)
                        fail(at, "positional argument follows keyword argument");
                    a.value = std::move(v);
                }
            }
            args.push_back(std::move(a));
            if (!acceptOp(","))
                break;
        }
        return args;
    }

    ExprPtr subscripts()
    {
        const Token start = cur();
        ExprPtr first = subscript();
        if (!isOp(","))
            return first;
        auto t = node(ExprKind::Tuple, start);
        t->children.push_back(std::move(first));
        while (acceptOp(",")) {
            if (isOp("]"))
                break;
            t->children.push_back(subscript());
        }
        return finish(std::move(t));
    }

    ExprPtr subscript()
    {
        const Token start = cur();
        ExprPtr lower;
        if (!isOp(":")) {
            lower = isOp("*") ? starExpr() : namedExprTest();
            if (!isOp(":"))
                return lower;
        }
        auto s = node(ExprKind::Slice, start);
        advance(); // ':'
        ExprPtr upper, step;
        if (!isOp(":") && !isOp("]") && !isOp(","))
            upper = test();
        if (acceptOp(":") && !isOp("]") && !isOp(","))
            step = test();
        s->children.push_back(std::move(lower));
        s->children.push_back(std::move(upper));
        s->children.push_back(std::move(step));
        return finish(std::move(s));
    }

    // element for … [if …]… — the clauses are parsed (so errors are found) and kept as children.
    ExprPtr comprehension(const char *kind, ExprPtr element, ExprPtr value)
    {
        auto c = node(ExprKind::Comprehension, *element);
        c->text = kind;
        c->children.push_back(std::move(element));
        if (value)
            c->children.push_back(std::move(value));
        while (isKw("for") || isKw("async") || isKw("if")) {
            if (acceptKw("if")) {
                c->ops.emplace_back("if");
                c->children.push_back(isKw("lambda") ? lambda(false) : orTest());
                continue;
            }
            acceptKw("async");
            expectKw("for");
            c->ops.emplace_back("for");
            ExprPtr target = exprList();
            checkTarget(*target, false);
            c->children.push_back(std::move(target));
            expectKw("in");
            c->children.push_back(orTest());
        }
        return finish(std::move(c));
    }

    ExprPtr atom()
    {
        const Token t = cur();
        switch (t.kind) {
        case TokenKind::Name: {
            if (t.text == "None" || t.text == "True" || t.text == "False") {
                advance();
                return finish(node(t.text == "None" ? ExprKind::None
                                   : t.text == "True" ? ExprKind::True
                                                      : ExprKind::False,
                                   t));
            }
            if (isKeyword(t.text))
                unexpected();
            advance();
            auto e = node(ExprKind::Name, t);
            e->text = t.text;
            return finish(std::move(e));
        }
        case TokenKind::Int: {
            advance();
            auto e = node(ExprKind::Int, t);
            e->intValue = t.intValue;
            e->overflow = t.overflow;
            e->text = t.text;
            return finish(std::move(e));
        }
        case TokenKind::Float: {
            advance();
            auto e = node(ExprKind::Float, t);
            e->floatValue = t.floatValue;
            e->imaginary = t.imaginary;
            e->text = t.text;
            return finish(std::move(e));
        }
        case TokenKind::String: return strings();
        case TokenKind::Op: break;
        default: unexpected();
        }
        if (acceptOp("...")) {
            return finish(node(ExprKind::Ellipsis, t));
        }
        if (acceptOp("(")) {
            if (acceptOp(")"))
                return finish(node(ExprKind::Tuple, t));
            if (isKw("yield")) {
                ExprPtr y = yieldExpr();
                expectOp(")");
                return y;
            }
            ExprPtr first = isOp("*") ? starExpr() : namedExprTest();
            if (isKw("for") || isKw("async")) {
                ExprPtr c = comprehension("generator", std::move(first), nullptr);
                expectOp(")");
                return c;
            }
            if (!isOp(",")) {
                expectOp(")");
                return first; // a parenthesised expression
            }
            auto tup = node(ExprKind::Tuple, t);
            tup->children.push_back(std::move(first));
            while (acceptOp(",")) {
                if (isOp(")"))
                    break;
                tup->children.push_back(isOp("*") ? starExpr() : namedExprTest());
            }
            expectOp(")");
            return finish(std::move(tup));
        }
        if (acceptOp("[")) {
            auto list = node(ExprKind::List, t);
            if (acceptOp("]"))
                return finish(std::move(list));
            ExprPtr first = isOp("*") ? starExpr() : namedExprTest();
            if (isKw("for") || isKw("async")) {
                ExprPtr c = comprehension("list", std::move(first), nullptr);
                expectOp("]");
                return c;
            }
            list->children.push_back(std::move(first));
            while (acceptOp(",")) {
                if (isOp("]"))
                    break;
                list->children.push_back(isOp("*") ? starExpr() : namedExprTest());
            }
            expectOp("]");
            return finish(std::move(list));
        }
        if (acceptOp("{"))
            return braces(t);
        unexpected();
    }

    ExprPtr braces(const Token &t)
    {
        if (acceptOp("}"))
            return finish(node(ExprKind::Dict, t));
        if (isOp("**") || !isOp("*")) {
            ExprPtr key;
            ExprPtr value;
            if (acceptOp("**")) {
                value = expr();
            } else {
                key = test();
                if (!isOp(":")) { // a set
                    auto set = node(ExprKind::Set, t);
                    if (isKw("for") || isKw("async")) {
                        ExprPtr c = comprehension("set", std::move(key), nullptr);
                        expectOp("}");
                        return c;
                    }
                    set->children.push_back(std::move(key));
                    setTail(*set);
                    return finish(std::move(set));
                }
                advance();
                value = test();
                if (isKw("for") || isKw("async")) {
                    ExprPtr c = comprehension("dict", std::move(key), std::move(value));
                    expectOp("}");
                    return c;
                }
            }
            auto dict = node(ExprKind::Dict, t);
            dict->children.push_back(std::move(key));
            dict->children.push_back(std::move(value));
            while (acceptOp(",")) {
                if (isOp("}"))
                    break;
                if (acceptOp("**")) {
                    dict->children.push_back(nullptr);
                    dict->children.push_back(expr());
                    continue;
                }
                dict->children.push_back(test());
                expectOp(":");
                dict->children.push_back(test());
            }
            expectOp("}");
            return finish(std::move(dict));
        }
        auto set = node(ExprKind::Set, t);
        set->children.push_back(starExpr());
        setTail(*set);
        return finish(std::move(set));
    }

    void setTail(Expr &set)
    {
        while (acceptOp(",")) {
            if (isOp("}"))
                break;
            set.children.push_back(isOp("*") ? starExpr() : test());
        }
        expectOp("}");
    }

    ExprPtr strings()
    {
        const Token first = cur();
        std::vector<Token> parts;
        while (cur().kind == TokenKind::String) {
            parts.push_back(cur());
            advance();
        }
        const bool anyFormatted = std::any_of(parts.begin(), parts.end(), [](const Token &p) { return p.formatted; });
        if (!anyFormatted) {
            auto e = node(ExprKind::Str, first);
            for (const auto &p : parts)
                e->text += p.text;
            return finish(std::move(e));
        }
        auto f = node(ExprKind::FStr, first);
        for (const auto &p : parts) {
            if (!p.formatted) {
                auto s = node(ExprKind::Str, p);
                s->text = p.text;
                f->children.push_back(finish(std::move(s)));
            } else {
                formattedPieces(*f, p);
            }
        }
        return finish(std::move(f));
    }

    // Splits an f-string template into literal pieces and {expression!conversion:spec} pieces.
    void formattedPieces(Expr &f, const Token &p)
    {
        const std::string &s = p.text;
        std::string literal;
        const auto flush = [&] {
            if (literal.empty())
                return;
            auto e = node(ExprKind::Str, p);
            e->text = literal;
            f.children.push_back(finish(std::move(e)));
            literal.clear();
        };
        for (size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '}') {
                if (i + 1 < s.size() && s[i + 1] == '}')
                    ++i;
                literal += '}';
                continue;
            }
            if (c != '{') {
                literal += c;
                continue;
            }
            if (i + 1 < s.size() && s[i + 1] == '{') {
                literal += '{';
                ++i;
                continue;
            }
            // find the end of the replacement field, honouring nested brackets and quotes
            int depth = 0;
            size_t j = i + 1, exprEnd = std::string::npos;
            char quote = 0;
            for (; j < s.size(); ++j) {
                const char d = s[j];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                    continue;
                }
                if (d == '\'' || d == '"')
                    quote = d;
                else if (d == '(' || d == '[' || d == '{')
                    ++depth;
                else if ((d == ')' || d == ']') && depth > 0)
                    --depth;
                else if (d == '}') {
                    if (depth == 0)
                        break;
                    --depth;
                } else if (depth == 0 && exprEnd == std::string::npos &&
                           ((d == '!' && j + 1 < s.size() && s[j + 1] != '=') || d == ':'))
                    exprEnd = j;
            }
            if (j >= s.size())
                fail(p, "f-string: expecting '}'");
            flush();
            if (exprEnd == std::string::npos)
                exprEnd = j;
            std::string code = s.substr(i + 1, exprEnd - i - 1);
            while (!code.empty() && (code.back() == '=' || code.back() == ' ')) // f'{x=}' debugging form
                code.pop_back();
            std::string spec, conversion;
            if (exprEnd < j) {
                size_t specStart = exprEnd;
                if (s[specStart] == '!') {
                    if (specStart + 1 < j)
                        conversion = s.substr(specStart + 1, 1);
                    specStart = std::min(j, specStart + 2);
                }
                if (specStart < j && s[specStart] == ':')
                    spec = s.substr(specStart + 1, j - specStart - 1);
            }
            TokenStream ts = tokenize(code);
            if (ts.error || code.find_first_not_of(" \t") == std::string::npos)
                fail(p, "f-string: invalid expression");
            for (auto &tok : ts.tokens) { // report positions at the f-string itself
                tok.line = p.line;
                tok.column = p.column;
            }
            Parser sub(ts.tokens);
            sub.depth_ = depth_ + 1;
            auto fv = node(ExprKind::FormattedValue, p);
            fv->text = spec;
            if (!conversion.empty())
                fv->ops.push_back(conversion);
            fv->children.push_back(sub.expressionOnly());
            f.children.push_back(finish(std::move(fv)));
            i = j;
        }
        flush();
    }
};

std::string clip(std::string s, size_t n)
{
    if (s.size() > n) {
        s.resize(n);
        s += "…";
    }
    return s;
}

std::string shortTextImpl(const Expr &e, int budget, bool full)
{
    if (budget <= 0)
        return "…";
    switch (e.kind) {
    case ExprKind::Name: return e.text;
    case ExprKind::Int:
    case ExprKind::Float: return e.text;
    case ExprKind::Str: {
        std::string out = "'";
        for (char c : clip(e.text, 24))
            out += c == '\n' ? std::string("\\n") : std::string(1, c);
        return out + "'";
    }
    case ExprKind::FStr: return "f'…'";
    case ExprKind::None: return "None";
    case ExprKind::True: return "True";
    case ExprKind::False: return "False";
    case ExprKind::Ellipsis: return "...";
    case ExprKind::Attribute: return shortTextImpl(*e.children[0], budget - 1, full) + "." + e.text;
    case ExprKind::Call: {
        if (!full)
            return shortTextImpl(*e.children[0], budget - 1, full) + "(...)";
        std::string out = shortTextImpl(*e.children[0], budget - 1, full) + "(";
        for (size_t i = 0; i < e.args.size(); ++i) {
            const Argument &a = e.args[i];
            out += i ? ", " : "";
            if (out.size() > 60) {
                out += "…";
                break;
            }
            out += a.kind == Argument::Kind::Star         ? "*"
                   : a.kind == Argument::Kind::DoubleStar ? "**"
                   : a.kind == Argument::Kind::Keyword    ? a.keyword + "="
                                                          : "";
            out += shortTextImpl(*a.value, budget - 1, full);
        }
        return out + ")";
    }
    case ExprKind::Subscript:
        return shortTextImpl(*e.children[0], budget - 1, full) + "[" +
               (full ? shortTextImpl(*e.children[1], budget - 1, full) : std::string("...")) + "]";
    case ExprKind::Slice: {
        std::string out;
        for (size_t i = 0; i < 3; ++i) {
            if (i == 2 && !e.children[2])
                break;
            out += i ? ":" : "";
            if (e.children[i])
                out += shortTextImpl(*e.children[i], budget - 1, full);
        }
        return out;
    }
    case ExprKind::Unary: return e.text + shortTextImpl(*e.children[0], budget - 1, full);
    case ExprKind::Binary:
        return shortTextImpl(*e.children[0], budget - 1, full) + " " + e.text + " " +
               shortTextImpl(*e.children[1], budget - 1, full);
    case ExprKind::Tuple:
    case ExprKind::List: {
        const bool tuple = e.kind == ExprKind::Tuple;
        std::string out = tuple ? "(" : "[";
        for (size_t i = 0; i < e.children.size(); ++i) {
            if (i)
                out += ", ";
            if (out.size() > 40) {
                out += "…";
                break;
            }
            out += shortTextImpl(*e.children[i], budget - 1, full);
        }
        if (tuple && e.children.size() == 1)
            out += ",";
        return out + (tuple ? ")" : "]");
    }
    case ExprKind::Starred: return "*" + shortTextImpl(*e.children[0], budget - 1, full);
    case ExprKind::Not: return "not " + shortTextImpl(*e.children[0], budget - 1, full);
    case ExprKind::Compare: {
        std::string out = shortTextImpl(*e.children[0], budget - 1, full);
        for (size_t i = 0; i < e.ops.size() && i + 1 < e.children.size(); ++i)
            out += " " + e.ops[i] + " " + shortTextImpl(*e.children[i + 1], budget - 1, full);
        return out;
    }
    case ExprKind::And:
    case ExprKind::Or: {
        std::string out;
        for (size_t i = 0; i < e.children.size(); ++i)
            out += (i ? (e.kind == ExprKind::And ? " and " : " or ") : "") + shortTextImpl(*e.children[i], budget - 1, full);
        return out;
    }
    default: return "…";
    }
}

} // namespace

Module parseModule(std::string_view source)
{
    Module m;
    TokenStream ts = tokenize(source);
    if (ts.error && ts.tokens.size() >= kMaxTokens) { // too long: not worth parsing what came before
        m.error = ts.error;
        return m;
    }
    try {
        Parser p(ts.tokens);
        m.body = p.file();
        if (ts.error) // the tokens before a lexical error parsed: report the lexical error
            m.error = ts.error;
    } catch (const Failure &f) {
        // The tokens stop at a lexical error, so a parse error at or after it is only its consequence.
        const bool parseFirst = ts.error && (f.error.line < ts.error->line ||
                                             (f.error.line == ts.error->line && f.error.column < ts.error->column));
        m.error = ts.error && !parseFirst ? *ts.error : f.error;
    }
    if (m.error)
        m.body.clear();
    return m;
}

ExprPtr parseExpression(std::string_view source, SyntaxError *error)
{
    TokenStream ts = tokenize(source);
    if (ts.error) {
        if (error)
            *error = *ts.error;
        return nullptr;
    }
    try {
        Parser p(ts.tokens);
        return p.expressionOnly();
    } catch (const Failure &f) {
        if (error)
            *error = f.error;
        return nullptr;
    }
}

std::string shortText(const Expr &e)
{
    return clip(shortTextImpl(e, 6, false), 60);
}

std::string sourceText(const Expr &e)
{
    return clip(shortTextImpl(e, 8, true), 80);
}

} // namespace convlens::py
