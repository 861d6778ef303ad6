// quiz_dialog.cpp — the quiz's questions, answers and verdicts (the judging is core's teach/quiz).
#include "quiz_dialog.h"

#include "document.h"
#include "layer_model.h"
#include "main_window.h"
#include "shape/infer.h"
#include "teach/quiz.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace convlens {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

constexpr auto kRightStyle = "background: #dff5df; color: #10400f;";
constexpr auto kWrongStyle = "background: #fde2e0; color: #600010;";

QString askText(QuizQuestion::Ask ask)
{
    return ask == QuizQuestion::Ask::Padding ? QuizDialog::tr("padding per side") : QuizDialog::tr("output shape");
}

} // namespace

// ------------------------------------------------------------------------------------------------------ QuizPanel

QuizPanel::QuizPanel(const QString &title, QWidget *parent) : QWidget(parent)
{
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(title, this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_title->setVisible(!title.isEmpty());
    v->addWidget(m_title);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_body = new QWidget(scroll);
    m_grid = new QGridLayout(m_body);
    m_grid->setColumnStretch(4, 1);
    m_grid->setAlignment(Qt::AlignTop);
    scroll->setWidget(m_body);
    v->addWidget(scroll, 1);
}

void QuizPanel::setModel(const Graph &graph, const ShapeReport &report)
{
    m_graph = graph;
    m_report = report;
    m_rows.clear();
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide(); // deleted later (a slot of one may be running), gone from the screen now
            w->deleteLater();
        }
        delete item;
    }
    const Framework fw = graph.framework;
    int gridRow = 0;
    const auto header = [&](int col, const QString &text) {
        auto *l = new QLabel(QStringLiteral("<b>%1</b>").arg(text), m_body);
        m_grid->addWidget(l, gridRow, col);
    };
    header(0, tr("Layer"));
    header(1, tr("Input"));
    header(2, tr("Your prediction"));
    ++gridRow;
    for (size_t i = 0; i < graph.quiz.size(); ++i) {
        const QuizQuestion &q = graph.quiz[i];
        Row row;
        const Layer *layer = graph.find(q.layer);
        const int ri = report.indexOf(q.layer);
        const LayerReport *lr = ri >= 0 ? &report.layers[size_t(ri)] : nullptr;
        auto *name = new QLabel(m_body);
        name->setTextFormat(Qt::RichText);
        name->setText(QStringLiteral("<b>%1</b>").arg(qs(q.layer).toHtmlEscaped()));
        m_grid->addWidget(name, gridRow, 0);
        // The layer as code under its row, across it: the numbers the students work from.
        auto *call = new QLabel(m_body);
        call->setTextFormat(Qt::RichText);
        call->setWordWrap(true);
        call->setText(QStringLiteral("<tt>%1</tt>").arg(
            layer ? qs(teach::layerCall(graph, *layer)).toHtmlEscaped() : QString()));
        call->setContentsMargins(12, 0, 0, 0);
        m_grid->addWidget(call, gridRow + 1, 0, 1, 5);
        m_grid->addWidget(new QLabel(lr && !lr->inputShapes.empty() ? shapeText(lr->inputShapes.front(), fw)
                                                                    : QStringLiteral("—"),
                                     m_body),
                          gridRow, 1);
        auto *fieldsBox = new QWidget(m_body);
        auto *h = new QHBoxLayout(fieldsBox);
        h->setContentsMargins(0, 0, 0, 0);
        const QStringList names = q.ask == QuizQuestion::Ask::Padding
                                      ? QStringList{tr("top"), tr("bottom"), tr("left"), tr("right")}
                                      : QStringList{tr("H"), tr("W"), tr("C")};
        for (const QString &n : names) {
            h->addWidget(new QLabel(n, fieldsBox));
            auto *e = new QLineEdit(fieldsBox);
            e->setValidator(new QIntValidator(0, 1 << 30, e));
            e->setFixedWidth(e->fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 12);
            e->setAccessibleName(n);
            h->addWidget(e);
            row.fields.append(e);
        }
        m_grid->addWidget(fieldsBox, gridRow, 2);
        auto *checkButton = new QPushButton(tr("Check"), m_body);
        checkButton->setAutoDefault(false);
        const int index = int(i);
        connect(checkButton, &QPushButton::clicked, this, [this, index] { check(index); });
        for (QLineEdit *e : row.fields)
            connect(e, &QLineEdit::returnPressed, this, [this, index] { check(index); });
        m_grid->addWidget(checkButton, gridRow, 3, Qt::AlignLeft);
        // The verdict under the question, across the row: a formula with its numbers needs the width.
        row.verdict = new QLabel(m_body);
        row.verdict->setTextFormat(Qt::RichText);
        row.verdict->setWordWrap(true);
        row.verdict->setContentsMargins(12, 0, 0, 8);
        m_grid->addWidget(row.verdict, gridRow + 2, 0, 1, 5);
        m_rows.push_back(row);
        gridRow += 3;
    }
    if (graph.quiz.empty()) {
        auto *none = new QLabel(tr("No questions yet: tick the layers to ask about."), m_body);
        m_grid->addWidget(none, gridRow, 0, 1, 5);
    }
}

void QuizPanel::typeAnswer(int row, const QList<qint64> &values)
{
    const Row &r = m_rows[size_t(row)];
    for (int i = 0; i < r.fields.size(); ++i)
        r.fields[i]->setText(i < values.size() ? QString::number(values[i]) : QString());
}

bool QuizPanel::check(int index)
{
    Row &r = m_rows[size_t(index)];
    std::vector<qint64> v;
    for (QLineEdit *e : r.fields) {
        bool ok = false;
        const qint64 n = e->text().trimmed().toLongLong(&ok);
        if (!ok) {
            r.verdict->setText(tr("Fill in every field first."));
            r.right.reset();
            e->setFocus();
            return false;
        }
        v.push_back(n);
    }
    const QuizQuestion q = m_graph.quiz[size_t(index)];
    const teach::QuizFeedback f = q.ask == QuizQuestion::Ask::Padding
                                      ? teach::checkPadding(m_graph, m_report, q.layer, Pad4{v[0], v[1], v[2], v[3]})
                                      : teach::checkShape(m_graph, m_report, q.layer, {v[0], v[1], v[2]});
    if (!f.error.empty()) {
        r.verdict->setText(qs(f.error).toHtmlEscaped());
        r.right.reset();
        return false;
    }
    r.right = f.right;
    for (int i = 0; i < r.fields.size() && i < int(f.fieldRight.size()); ++i)
        r.fields[i]->setStyleSheet(QString::fromLatin1(f.fieldRight[size_t(i)] ? kRightStyle : kWrongStyle));
    QStringList expected;
    for (const qint64 e : f.expected)
        expected << QString::number(e);
    const QString answer = q.ask == QuizQuestion::Ask::Padding
                               ? tr("top %1, bottom %2, left %3, right %4")
                                     .arg(expected.value(0), expected.value(1), expected.value(2), expected.value(3))
                               : tr("%1 × %2 × %3 (H × W × C)").arg(expected.value(0), expected.value(1),
                                                                   expected.value(2));
    if (f.right) {
        r.verdict->setText(QStringLiteral("<span style='color:#10700f'><b>✓ %1</b></span> %2")
                               .arg(tr("Right:"), answer.toHtmlEscaped()));
        return true;
    }
    QString text = QStringLiteral("<span style='color:#a01020'><b>✗ %1</b></span> %2<br><tt>%3</tt>")
                       .arg(tr("Not quite. It is"), answer.toHtmlEscaped(), qs(f.formula).toHtmlEscaped());
    for (const std::string &m : f.missed)
        text += QStringLiteral("<br><b>%1</b> %2").arg(tr("Missed:"), qs(m).toHtmlEscaped());
    r.verdict->setText(text);
    return true;
}

QString QuizPanel::verdict(int row) const
{
    return m_rows[size_t(row)].verdict->text();
}

// ----------------------------------------------------------------------------------------------------- QuizDialog

QuizDialog::QuizDialog(MainWindow *window) : QDialog(window), m_window(window)
{
    setObjectName(QStringLiteral("quizDialog"));
    setWindowTitle(tr("Predict the shape"));
    auto *v = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    auto *mine = new QPushButton(tr("Questions on this model"), this);
    mine->setAutoDefault(false);
    connect(mine, &QPushButton::clicked, this, &QuizDialog::showDocumentQuiz);
    top->addWidget(mine);
    top->addSpacing(12);
    auto *random = new QPushButton(tr("Random quiz"), this);
    random->setAutoDefault(false);
    random->setToolTip(tr("A small model with odd sizes, stride 2 and 'same', in Keras and PyTorch side by side"));
    top->addWidget(random);
    top->addWidget(new QLabel(tr("seed"), this));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 999999);
    m_seed->setValue(int(QRandomGenerator::global()->bounded(1000)));
    m_seed->setToolTip(tr("The same seed gives the same quiz"));
    top->addWidget(m_seed);
    connect(random, &QPushButton::clicked, this, [this] { newRandomQuiz(std::uint32_t(m_seed->value())); });
    top->addStretch(1);
    m_hide = new QCheckBox(tr("Hide the answers in the window"), this);
    m_hide->setChecked(true);
    m_hide->setToolTip(tr("The summary table and the layer list show “?” for the layers asked about"));
    connect(m_hide, &QCheckBox::toggled, this, &QuizDialog::hideAnswers);
    top->addWidget(m_hide);
    v->addLayout(top);

    m_pages = new QStackedWidget(this);
    // Page 0: the document's quiz, with the teacher's list of questions beside it.
    auto *docPage = new QWidget(m_pages);
    auto *dh = new QHBoxLayout(docPage);
    dh->setContentsMargins(0, 0, 0, 0);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Ask about:"), docPage));
    m_questions = new QListWidget(docPage);
    m_questions->setObjectName(QStringLiteral("quizQuestions"));
    m_questions->setMaximumWidth(300);
    connect(m_questions, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_rebuilding)
            return;
        setAsked(item->data(Qt::UserRole).toString(), QuizQuestion::Ask(item->data(Qt::UserRole + 1).toInt()),
                 item->checkState() == Qt::Checked);
    });
    left->addWidget(m_questions, 1);
    dh->addLayout(left);
    m_docPanel = new QuizPanel(QString(), docPage);
    dh->addWidget(m_docPanel, 1);
    m_pages->addWidget(docPage);

    // Page 1: the random quiz, side by side.
    auto *randomPage = new QWidget(m_pages);
    auto *rh = new QHBoxLayout(randomPage);
    rh->setContentsMargins(0, 0, 0, 0);
    for (const Framework fw : {Framework::Keras, Framework::PyTorch}) {
        auto *col = new QVBoxLayout;
        auto *panel = new QuizPanel(fw == Framework::Keras ? tr("Keras / TensorFlow") : tr("PyTorch"), randomPage);
        col->addWidget(panel, 1);
        auto *open = new QPushButton(tr("Open in the window"), randomPage);
        open->setAutoDefault(false);
        open->setToolTip(tr("Make this model the document, with its questions (File ▸ Save keeps the quiz)"));
        connect(open, &QPushButton::clicked, this, [this, fw] { openInWindow(fw); });
        col->addWidget(open, 0, Qt::AlignLeft);
        rh->addLayout(col, 1);
        (fw == Framework::Keras ? m_kerasPanel : m_torchPanel) = panel;
    }
    m_pages->addWidget(randomPage);
    v->addWidget(m_pages, 1);

    connect(window->document(), &Document::reportChanged, this, &QuizDialog::rebuild);
    resize(1100, 560);
    rebuild();
}

void QuizDialog::rebuild()
{
    const Document *doc = m_window->document();
    const Graph &g = doc->graph();
    const ShapeReport &r = doc->report();
    m_rebuilding = true;
    m_questions->clear();
    for (const LayerReport &l : r.layers)
        for (const QuizQuestion::Ask ask : {QuizQuestion::Ask::OutputShape, QuizQuestion::Ask::Padding}) {
            if (!teach::quizzable(l, ask))
                continue;
            auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(qs(l.name), askText(ask)), m_questions);
            item->setData(Qt::UserRole, qs(l.name));
            item->setData(Qt::UserRole + 1, int(ask));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            const bool asked =
                std::find(g.quiz.begin(), g.quiz.end(), QuizQuestion{l.name, ask}) != g.quiz.end();
            item->setCheckState(asked ? Qt::Checked : Qt::Unchecked);
        }
    m_rebuilding = false;
    m_docPanel->setModel(g, r);
    hideAnswers(m_hide->isChecked());
}

void QuizDialog::setAsked(const QString &layer, QuizQuestion::Ask ask, bool asked)
{
    const Document *doc = m_window->document();
    std::vector<QuizQuestion> quiz = doc->graph().quiz;
    const QuizQuestion q{layer.toStdString(), ask};
    const auto it = std::find(quiz.begin(), quiz.end(), q);
    if (asked == (it != quiz.end()))
        return;
    if (asked) {
        // In the model's order, so the questions read top to bottom like the layers.
        quiz.push_back(q);
        const ShapeReport &r = doc->report();
        std::stable_sort(quiz.begin(), quiz.end(), [&r](const QuizQuestion &a, const QuizQuestion &b) {
            return std::pair(r.indexOf(a.layer), int(a.ask)) < std::pair(r.indexOf(b.layer), int(b.ask));
        });
    } else {
        quiz.erase(it);
    }
    m_window->document()->setQuiz(quiz);
}

void QuizDialog::newRandomQuiz(std::uint32_t seed)
{
    m_seed->setValue(int(seed % 1000000));
    teach::RandomQuiz quiz = teach::randomQuiz(seed);
    m_kerasPanel->setModel(quiz.keras, infer(quiz.keras));
    m_torchPanel->setModel(quiz.pytorch, infer(quiz.pytorch));
    m_pages->setCurrentIndex(1);
    hideAnswers(m_hide->isChecked());
}

bool QuizDialog::showingRandom() const
{
    return m_pages->currentIndex() == 1;
}

void QuizDialog::showDocumentQuiz()
{
    m_pages->setCurrentIndex(0);
    hideAnswers(m_hide->isChecked());
}

void QuizDialog::openInWindow(Framework fw)
{
    const Graph &g = (fw == Framework::Keras ? m_kerasPanel : m_torchPanel)->graph();
    if (g.layers.empty())
        return;
    m_window->document()->replaceModel(g, tr("Random quiz %1 (%2)").arg(m_seed->value()).arg(
                                              fw == Framework::Keras ? QStringLiteral("Keras") : QStringLiteral("PyTorch")),
                                       tr("Open the random quiz"));
    showDocumentQuiz();
}

void QuizDialog::hideAnswers(bool on)
{
    QStringList layers;
    if (on && isVisible() && !showingRandom())
        for (const QuizQuestion &q : m_window->document()->graph().quiz)
            layers << qs(q.layer);
    m_window->layerModel()->setHiddenAnswers(layers);
}

void QuizDialog::showEvent(QShowEvent *e)
{
    QDialog::showEvent(e);
    hideAnswers(m_hide->isChecked());
}

void QuizDialog::hideEvent(QHideEvent *e)
{
    QDialog::hideEvent(e);
    m_window->layerModel()->setHiddenAnswers({});
}

} // namespace convlens
