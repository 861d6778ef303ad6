// graph.h — the model as the user wrote it: named layers with their parameters (as given, defaults left to the
// catalogue) and their ordered inputs. A DAG, in definition order. No shapes here: see shape/infer.h.
#pragma once

#include "model/catalogue.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace convlens {

struct Layer {
    std::string name;                         // unique in the graph
    std::string type;                         // catalogue class name of the graph's framework: "Conv2D", "Conv2d"
    std::map<std::string, ParamValue> params; // only what was given; missing ones take the catalogue default
    std::vector<std::string> inputs;          // producer names in order; a model input is a layer of type Input
    bool implicitInput = false;               // an Input the code did not write (Sequential input_shape=, PyTorch
                                              // --input-shape): not listed in summaries
    int line = 0;                             // 1-based source line it came from, 0 if none
    // PyTorch nn.Module rows: the module's path in the model ("layer1.0.conv1"), the prefix of its state_dict keys.
    // Two rows with one path are one module called twice (shared weights, counted once). Empty otherwise.
    std::string modulePath;
    // The group a row belongs to, for collapsible display: PyTorch the path of the module whose forward made it
    // ("layer1.0"), Keras the nested model it is in. Empty at the top level.
    std::string scope;

    // The value of a parameter: as given, else the catalogue default. Unknown names give None.
    ParamValue param(const KindDef &kind, const std::string &p) const;
};

// One question of a "predict the shape" quiz (Teach ▸ Quiz, teach/quiz.h): the layer whose output the students
// predict (its height, width and channels) or whose padding per side they predict.
struct QuizQuestion {
    enum class Ask { OutputShape, Padding };
    std::string layer;
    Ask ask = Ask::OutputShape;
    bool operator==(const QuizQuestion &) const = default;
};

struct Graph {
    Framework framework = Framework::Keras;
    std::vector<Layer> layers;                // definition order; producers before consumers after validate()
    std::vector<std::string> outputs;         // declared outputs (Model(outputs=…)); empty = the last layer
    std::vector<std::string> notes;           // importer notes: skipped lines etc.
    std::vector<QuizQuestion> quiz;           // the model's quiz, saved in the project file; empty: none

    int indexOf(const std::string &name) const; // -1 if absent
    const Layer *find(const std::string &name) const;
};

// A structural problem that makes the graph unusable (not a shape refusal): duplicate names, an unknown type,
// a missing input, a cycle, a wrong input count. `layer` is the offending layer's name (may be empty).
struct GraphError {
    std::string layer;
    int line = 0;
    std::string message;
};

// Checks names, types, input references and arity, and orders layers so that every producer precedes its
// consumers (stable: definition order is kept where it already satisfies that). Returns the problems found.
std::vector<GraphError> validateAndOrder(Graph &g);

// Gives every unnamed layer (empty name) the name tf.keras 2 would: conv2d, conv2d_1, …; PyTorch: its index in
// the Sequential ("0", "1", …, inputs excluded). Input layers are named input_1, input_2, … in Keras.
void assignDefaultNames(Graph &g);

} // namespace convlens
