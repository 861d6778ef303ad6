// properties_editor.h — edits the current layer: one field per catalogue parameter (param_fields.h: spin boxes, H/W
// pairs, padding modes, choices, literals), plus the name, the inputs (a combo per input, + / − for concat and add)
// and what the shape engine resolved for the layer. No per-layer widget code.
// Widgets are rebuilt only when the layer or its type changes; otherwise values are refreshed in place, so a spin
// box keeps focus (and its drag merges into one undo step) while every shape downstream updates.
#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace convlens {

class Document;
class ParamField;

class PropertiesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesEditor(QWidget *parent = nullptr);
    ~PropertiesEditor() override;

    void setDocument(Document *document);
    QString layer() const { return m_layer; }
    // The field editing `param` of the current layer (tests drive it), or nullptr.
    QWidget *fieldWidget(const QString &param) const;

    // Which editor has the focus, by what it edits ("layerName" or a parameter, and which of its spin boxes), so the
    // focus can go back to the same place after an undo rebuilt the fields.
    struct FieldFocus {
        QString field;
        int editor = 0;
    };
    std::optional<FieldFocus> fieldFocus(const QWidget *widget) const;
    void restoreFieldFocus(const FieldFocus &focus);

public Q_SLOTS:
    void setLayer(const QString &name);
    void refresh();

Q_SIGNALS:
    void editRefused(const QString &message);

private:
    void rebuild();
    void updateValues();
    void updateResults();
    void buildInputsRow();

    QPointer<Document> m_document;
    QString m_layer, m_builtType;
    int m_builtFramework = -1;
    std::size_t m_builtInputCount = 0;
    QVBoxLayout *m_outer = nullptr;
    QWidget *m_body = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_results = nullptr;
    QLineEdit *m_name = nullptr;
    QWidget *m_inputs = nullptr;
    std::vector<ParamField *> m_fields;
};

} // namespace convlens
