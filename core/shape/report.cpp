// report.cpp — names of the report's enums, shared by the CLI, the trace and the GUI.
#include "shape/report.h"

namespace convlens {

std::string_view padKindName(PadKind k)
{
    switch (k) {
    case PadKind::Zero: return "zero";
    case PadKind::Ignored: return "ignored";
    case PadKind::Excluded: return "excluded";
    case PadKind::CountedZero: return "counted_zero";
    }
    return "zero";
}

} // namespace convlens
