// param_fields.cpp — one ParamField subclass per ParamType family.
#include "param_fields.h"

#include "python/literal.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <algorithm>

namespace convlens {

ParamField::ParamField(const ParamDef &def, EditFn edit, std::function<void()> finished)
    : m_def(def), m_edit(std::move(edit)), m_finished(std::move(finished))
{
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(3);
    m_layout = l;
    setToolTip(QCoreApplication::translate("convlens::catalogue", def.help.c_str()));
}

void ParamField::setValue(const ParamValue &effective, bool given)
{
    m_given = given;
    show(effective);
    if (m_reset)
        m_reset->setEnabled(given && !m_def.required);
}

void ParamField::addResetButton()
{
    m_reset = new QToolButton(this);
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setAutoRaise(true);
    m_reset->setToolTip(tr("Back to the default (%1)").arg(toPythonText(m_def.defaultValue)));
    m_layout->addWidget(m_reset);
    connect(m_reset, &QToolButton::clicked, this, [this] { m_edit(std::nullopt, false); });
}

QSpinBox *ParamField::spin(int min, int max)
{
    auto *s = new QSpinBox(this);
    s->setRange(min, max);
    s->setAccelerated(true);
    // Narrower than the 9999 the range allows: the properties column fits a laptop screen, and sizes are small.
    s->setMinimumWidth(s->fontMetrics().horizontalAdvance(QStringLiteral("H 99")) + 22);
    connect(s, &QSpinBox::editingFinished, this, [this] { finished(); });
    return s;
}

std::int64_t ParamField::clampInt(std::int64_t v)
{
    return std::clamp<std::int64_t>(v, -1'000'000'000, 1'000'000'000);
}

namespace {

// A slice's bounds (getitem start / stop) are indices along an axis, negative from its end: any size, not an axis.
bool sliceBound(const ParamDef &d)
{
    return d.name == "start" || d.name == "stop";
}

int minimumFor(const ParamDef &d)
{
    if (sliceBound(d))
        return -999'999;
    if (d.type == ParamType::NonNegInt || d.name == "output_padding" || d.name == "padding")
        return 0;
    if (d.type == ParamType::Axis || d.type == ParamType::OptAxis)
        return -8;
    return 1;
}

class IntField : public ParamField
{
public:
    IntField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        const bool optional = d.type == ParamType::OptAxis;
        if (optional) {
            m_none = new QCheckBox(tr("None"), this);
            m_layout->addWidget(m_none);
            connect(m_none, &QCheckBox::toggled, this, [this](bool on) {
                m_spin->setEnabled(!on);
                edit(on ? ParamValue() : ParamValue(std::int64_t(m_spin->value())), false);
            });
        }
        const bool axis = (d.type == ParamType::Axis || d.type == ParamType::OptAxis) && !sliceBound(d);
        m_spin = spin(minimumFor(d), axis ? 8 : 999'999);
        m_layout->addWidget(m_spin, 1);
        connect(m_spin, &QSpinBox::valueChanged, this, [this](int v) { edit(ParamValue(std::int64_t(v)), true); });
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b1(m_spin);
        if (m_none) {
            const QSignalBlocker b2(m_none);
            m_none->setChecked(v.isNone());
            m_spin->setEnabled(!v.isNone());
        }
        if (v.isInt() && m_spin->value() != v.asInt())
            m_spin->setValue(int(clampInt(v.asInt())));
    }
    QSpinBox *m_spin = nullptr;
    QCheckBox *m_none = nullptr;
};

// Two spin boxes (H, W) and a link toggle: linked, both move together.
class PairField : public ParamField
{
public:
    PairField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        if (d.type == ParamType::OptIntOrPair) {
            m_none = new QCheckBox(tr("None"), this);
            m_none->setToolTip(QCoreApplication::translate("convlens::catalogue", d.help.c_str()));
            m_layout->addWidget(m_none);
            connect(m_none, &QCheckBox::toggled, this, [this](bool on) {
                enableSpins(!on);
                if (on)
                    edit(ParamValue(), false);
                else
                    emitValue(false);
            });
        }
        const int min = minimumFor(d);
        m_h = spin(min, 9999);
        m_w = spin(min, 9999);
        m_h->setPrefix(QStringLiteral("H "));
        m_w->setPrefix(QStringLiteral("W "));
        m_link = new QToolButton(this);
        m_link->setCheckable(true);
        m_link->setText(QStringLiteral("="));
        m_link->setFixedWidth(m_link->fontMetrics().horizontalAdvance(QStringLiteral("==")) + 6);
        m_link->setToolTip(tr("Linked (H = W): height and width change together"));
        m_layout->addWidget(m_h, 1);
        m_layout->addWidget(m_link);
        m_layout->addWidget(m_w, 1);
        connect(m_h, &QSpinBox::valueChanged, this, [this](int v) {
            if (m_link->isChecked()) {
                const QSignalBlocker b(m_w);
                m_w->setValue(v);
            }
            emitValue(true);
        });
        connect(m_w, &QSpinBox::valueChanged, this, [this](int v) {
            if (m_link->isChecked()) {
                const QSignalBlocker b(m_h);
                m_h->setValue(v);
            }
            emitValue(true);
        });
        connect(m_link, &QToolButton::toggled, this, [this](bool on) {
            m_userLink = true;
            if (on && m_h->value() != m_w->value()) {
                const QSignalBlocker b(m_w);
                m_w->setValue(m_h->value());
                emitValue(false);
            }
        });
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b1(m_h), b2(m_w), b3(m_link);
        if (m_none) {
            const QSignalBlocker b4(m_none);
            m_none->setChecked(v.isNone());
        }
        enableSpins(!v.isNone());
        if (v.isInt()) {
            m_h->setValue(int(clampInt(v.asInt())));
            m_w->setValue(int(clampInt(v.asInt())));
            m_wasInt = true;
        } else if (auto l = v.intList(); l && l->size() == 2) {
            m_h->setValue(int(clampInt((*l)[0])));
            m_w->setValue(int(clampInt((*l)[1])));
            m_wasInt = false;
        }
        if (!m_userLink)
            m_link->setChecked(m_h->value() == m_w->value());
        else if (m_h->value() != m_w->value())
            m_link->setChecked(false);
    }
    void enableSpins(bool on)
    {
        m_h->setEnabled(on);
        m_w->setEnabled(on);
        m_link->setEnabled(on);
    }
    void emitValue(bool interactive)
    {
        const int h = m_h->value(), w = m_w->value();
        // Keep the spelling the model used: 3 stays 3, (3, 3) stays a tuple.
        if (h == w && m_wasInt)
            edit(ParamValue(std::int64_t(h)), interactive);
        else
            edit(ParamValue::ints({h, w}), interactive);
    }
    QSpinBox *m_h = nullptr, *m_w = nullptr;
    QToolButton *m_link = nullptr;
    QCheckBox *m_none = nullptr;
    bool m_wasInt = false, m_userLink = false;
};

class ChoiceField : public ParamField
{
public:
    ChoiceField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        m_combo = new QComboBox(this);
        if (d.type == ParamType::OptChoice)
            m_combo->addItem(tr("None"), QString());
        for (const auto &c : d.choices)
            m_combo->addItem(QString::fromStdString(c), QString::fromStdString(c));
        m_layout->addWidget(m_combo, 1);
        connect(m_combo, &QComboBox::activated, this, [this](int i) {
            const QString v = m_combo->itemData(i).toString();
            edit(v.isEmpty() ? ParamValue() : ParamValue(v.toStdString()), false);
        });
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b(m_combo);
        const QString s = v.isString() ? QString::fromStdString(v.asString()).toLower() : QString();
        int i = m_combo->findData(s);
        if (i < 0 && !s.isEmpty()) { // a value outside the list (kept as given)
            m_combo->addItem(s, s);
            i = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(std::max(i, 0));
    }
    QComboBox *m_combo = nullptr;
};

class BoolField : public ParamField
{
public:
    BoolField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        m_check = new QCheckBox(this);
        m_layout->addWidget(m_check, 1);
        connect(m_check, &QCheckBox::toggled, this, [this](bool on) { edit(ParamValue(on), false); });
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b(m_check);
        m_check->setChecked(v.isBool() && v.asBool());
    }
    QCheckBox *m_check = nullptr;
};

class FloatField : public ParamField
{
public:
    FloatField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        if (d.type == ParamType::OptFloat) {
            m_none = new QCheckBox(tr("None"), this);
            m_layout->addWidget(m_none);
            connect(m_none, &QCheckBox::toggled, this, [this](bool on) {
                m_spin->setEnabled(!on);
                edit(on ? ParamValue() : ParamValue(m_spin->value()), false);
            });
        }
        m_spin = new QDoubleSpinBox(this);
        m_spin->setDecimals(6);
        m_spin->setRange(-1e9, 1e9);
        m_spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        m_layout->addWidget(m_spin, 1);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) { edit(ParamValue(v), true); });
        connect(m_spin, &QDoubleSpinBox::editingFinished, this, [this] { finished(); });
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b(m_spin);
        if (m_none) {
            const QSignalBlocker b2(m_none);
            m_none->setChecked(v.isNone());
            m_spin->setEnabled(!v.isNone());
        }
        if (v.isNumber())
            m_spin->setValue(v.asNumber());
    }
    QDoubleSpinBox *m_spin = nullptr;
    QCheckBox *m_none = nullptr;
};

// PyTorch conv padding: an explicit symmetric amount per axis, or 'valid' / 'same'.
class TorchPaddingField : public ParamField
{
public:
    TorchPaddingField(const ParamDef &d, EditFn e, std::function<void()> f)
        : ParamField(d, std::move(e), std::move(f))
    {
        m_mode = new QComboBox(this);
        m_mode->addItem(tr("explicit"), QString());
        m_mode->addItem(QStringLiteral("'valid'"), QStringLiteral("valid"));
        m_mode->addItem(QStringLiteral("'same'"), QStringLiteral("same"));
        m_h = spin(0, 9999);
        m_w = spin(0, 9999);
        m_h->setPrefix(QStringLiteral("H "));
        m_w->setPrefix(QStringLiteral("W "));
        m_h->setToolTip(tr("rows added at the top and at the bottom"));
        m_w->setToolTip(tr("columns added at the left and at the right"));
        m_layout->addWidget(m_mode);
        m_layout->addWidget(m_h, 1);
        m_layout->addWidget(m_w, 1);
        connect(m_mode, &QComboBox::activated, this, [this](int i) {
            const QString m = m_mode->itemData(i).toString();
            enableSpins(m.isEmpty());
            if (m.isEmpty())
                emitValue(false);
            else
                edit(ParamValue(m.toStdString()), false);
        });
        connect(m_h, &QSpinBox::valueChanged, this, [this] { emitValue(true); });
        connect(m_w, &QSpinBox::valueChanged, this, [this] { emitValue(true); });
    }
    void enableSpins(bool on)
    {
        m_h->setEnabled(on);
        m_w->setEnabled(on);
    }
    void emitValue(bool interactive)
    {
        if (m_h->value() == m_w->value())
            edit(ParamValue(std::int64_t(m_h->value())), interactive);
        else
            edit(ParamValue::ints({m_h->value(), m_w->value()}), interactive);
    }
    void show(const ParamValue &v) override
    {
        const QSignalBlocker b1(m_mode), b2(m_h), b3(m_w);
        if (v.isString()) {
            m_mode->setCurrentIndex(std::max(0, m_mode->findData(QString::fromStdString(v.asString()))));
            enableSpins(false);
            return;
        }
        m_mode->setCurrentIndex(0);
        enableSpins(true);
        if (v.isInt()) {
            m_h->setValue(int(clampInt(v.asInt())));
            m_w->setValue(int(clampInt(v.asInt())));
        } else if (auto l = v.intList(); l && l->size() == 2) {
            m_h->setValue(int(clampInt((*l)[0])));
            m_w->setValue(int(clampInt((*l)[1])));
        }
    }
    QComboBox *m_mode = nullptr;
    QSpinBox *m_h = nullptr, *m_w = nullptr;
};

// Four sides: Keras ZeroPadding2D/Cropping2D ((top, bottom), (left, right)); nn.ZeroPad2d (left, right, top, bottom).
class SidesField : public ParamField
{
public:
    SidesField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        const int min = d.type == ParamType::TorchPad4 ? -100000 : 0;
        const char *names[] = {"top ", "bottom ", "left ", "right "};
        for (int i = 0; i < 4; ++i) {
            m_side[i] = spin(std::max(min, -9999), 9999);
            m_side[i]->setPrefix(QString::fromLatin1(names[i]));
            m_layout->addWidget(m_side[i], 1);
            connect(m_side[i], &QSpinBox::valueChanged, this, [this] { emitValue(); });
        }
    }
    void emitValue()
    {
        const std::int64_t t = m_side[0]->value(), b = m_side[1]->value(), l = m_side[2]->value(),
                           r = m_side[3]->value();
        if (m_def.type == ParamType::TorchPad4)
            edit(ParamValue::ints({l, r, t, b}), true);
        else
            edit(ParamValue(ParamList{ParamValue::ints({t, b}), ParamValue::ints({l, r})}), true);
    }
    void show(const ParamValue &v) override
    {
        std::int64_t s[4] = {0, 0, 0, 0}; // top, bottom, left, right
        if (v.isInt()) {
            s[0] = s[1] = s[2] = s[3] = v.asInt();
        } else if (auto l = v.intList(); l && l->size() == 4) {
            s[2] = (*l)[0], s[3] = (*l)[1], s[0] = (*l)[2], s[1] = (*l)[3];
        } else if (l && l->size() == 2) {
            s[0] = s[1] = (*l)[0];
            s[2] = s[3] = (*l)[1];
        } else if (v.isList() && v.asList().size() == 2) {
            auto a = v.asList()[0].intList(), b = v.asList()[1].intList();
            if (a && b && a->size() == 2 && b->size() == 2)
                s[0] = (*a)[0], s[1] = (*a)[1], s[2] = (*b)[0], s[3] = (*b)[1];
        }
        for (int i = 0; i < 4; ++i) {
            const QSignalBlocker blocker(m_side[i]);
            m_side[i]->setValue(int(clampInt(s[i])));
        }
    }
    QSpinBox *m_side[4] = {};
};

// Anything else (shapes, scale factors, output sizes): a Python literal, checked against the catalogue type.
class LiteralField : public ParamField
{
public:
    LiteralField(const ParamDef &d, EditFn e, std::function<void()> f) : ParamField(d, std::move(e), std::move(f))
    {
        m_edit = new QLineEdit(this);
        m_edit->setPlaceholderText(tr("Python literal, e.g. (28, 28, 1)"));
        m_layout->addWidget(m_edit, 1);
        connect(m_edit, &QLineEdit::editingFinished, this, [this] { apply(); });
    }
    void apply()
    {
        QString why;
        auto v = parsePythonLiteral(m_edit->text(), &why);
        if (v) {
            const std::string typeError = checkParamType(m_def, *v);
            if (!typeError.empty())
                why = QString::fromStdString(typeError);
        }
        if (!why.isEmpty()) {
            m_edit->setStyleSheet(QStringLiteral("QLineEdit { background: #fde2e0; }"));
            m_edit->setToolTip(why);
            return;
        }
        m_edit->setStyleSheet({});
        m_edit->setToolTip(QCoreApplication::translate("convlens::catalogue", m_def.help.c_str()));
        edit(*v, false);
    }
    void show(const ParamValue &v) override
    {
        if (m_edit->hasFocus())
            return;
        m_edit->setStyleSheet({});
        m_edit->setText(toPythonText(v));
    }
    QLineEdit *m_edit = nullptr;
};

} // namespace

ParamField *makeField(const ParamDef &d, ParamField::EditFn e, std::function<void()> f)
{
    switch (d.type) {
    case ParamType::Int:
    case ParamType::NonNegInt:
    case ParamType::Axis:
    case ParamType::OptAxis:
        return new IntField(d, std::move(e), std::move(f));
    case ParamType::IntOrPair:
    case ParamType::OptIntOrPair:
        return new PairField(d, std::move(e), std::move(f));
    case ParamType::KerasPadding:
    case ParamType::Choice:
    case ParamType::OptChoice:
        return new ChoiceField(d, std::move(e), std::move(f));
    case ParamType::Bool:
        return new BoolField(d, std::move(e), std::move(f));
    case ParamType::Float:
    case ParamType::OptFloat:
        return new FloatField(d, std::move(e), std::move(f));
    case ParamType::TorchPadding:
        return new TorchPaddingField(d, std::move(e), std::move(f));
    case ParamType::PadSpec2D:
    case ParamType::TorchPad4:
        return new SidesField(d, std::move(e), std::move(f));
    case ParamType::ShapeTuple:
    case ParamType::ScaleFactor:
    case ParamType::OutputSize:
    case ParamType::Ignored: // never shown (shownInEditor), but a field must exist for every type
        return new LiteralField(d, std::move(e), std::move(f));
    }
    return new LiteralField(d, std::move(e), std::move(f));
}

bool shownInEditor(const ParamDef &d)
{
    if (d.type == ParamType::Ignored)
        return false;
    // A choice with a single possible value (data_format='channels_last', padding_mode='zeros') says nothing.
    if ((d.type == ParamType::OptChoice || d.type == ParamType::Choice) && d.choices.size() <= 1)
        return false;
    return d.name != "input_shape" && d.name != "batch_input_shape";
}

} // namespace convlens
