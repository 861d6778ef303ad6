// infer.h — pure shape inference: graph in, report out. No tensors, no I/O; microseconds per layer, so the GUI calls
// it after every edit.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

namespace convlens {

// The graph must have passed validateAndOrder(). Every layer gets a report; a refused layer gets an error and a fix,
// and everything downstream of it is Blocked (no guessed shapes).
ShapeReport infer(const Graph &graph);

// Convenience: validate, order, name and infer in one go. Structural errors become refusals of the layer concerned.
ShapeReport inferGraph(Graph &graph);

} // namespace convlens
