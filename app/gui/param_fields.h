// param_fields.h — the widgets that edit one layer parameter, one class per ParamType family, all made from the
// catalogue's ParamDef (type, default, choices, help): spin boxes for ints, an H/W pair with a link toggle for
// IntOrPair, a padding mode plus per-side values, combos for choices, a checkbox for bools, a literal field for shapes.
// PropertiesEditor lays them out; no per-layer widget code anywhere.
#pragma once

#include "model/catalogue.h"

#include <QWidget>
#include <functional>
#include <optional>

class QHBoxLayout;
class QSpinBox;
class QToolButton;

namespace convlens {

// A field shows the effective value of one parameter and reports edits: (value, interactive). nullopt = remove the
// parameter (back to the default). `interactive` edits merge until finished() (spin-box drags, typing).
class ParamField : public QWidget
{
public:
    using EditFn = std::function<void(std::optional<ParamValue>, bool)>;
    ParamField(const ParamDef &def, EditFn edit, std::function<void()> finished);
    const ParamDef &def() const { return m_def; }
    void setValue(const ParamValue &effective, bool given);
    void addResetButton();

protected:
    virtual void show(const ParamValue &v) = 0;
    void edit(const ParamValue &v, bool interactive) { m_edit(v, interactive); }
    void finished() { m_finished(); }
    QSpinBox *spin(int min, int max);
    static std::int64_t clampInt(std::int64_t v);

    ParamDef m_def;
    EditFn m_edit;
    std::function<void()> m_finished;
    QHBoxLayout *m_layout;
    QToolButton *m_reset = nullptr;
    bool m_given = false;
};

// The field for a parameter of this type.
ParamField *makeField(const ParamDef &d, ParamField::EditFn edit, std::function<void()> finished);
// Whether the editor shows the parameter at all (not for ignored ones and single-choice ones).
bool shownInEditor(const ParamDef &d);

} // namespace convlens
