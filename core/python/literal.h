// literal.h — reading and writing the Python literals a user types into the property editor: None, True, 3, 0.5,
// 'same', (3, 3), ((1, 2), (0, 0)). The catalogue then checks the type (checkParamType); this only parses.
#pragma once

#include "model/value.h"

#include <QString>
#include <optional>

namespace convlens {

// nullopt (and a reason in *error) when the text is not one Python literal.
std::optional<ParamValue> parsePythonLiteral(const QString &text, QString *error = nullptr);
QString toPythonText(const ParamValue &v);

} // namespace convlens
