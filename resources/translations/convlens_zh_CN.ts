<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DiagramLayout</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>transposed conv</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>upsampling</source>
        <translation>上采样</translation>
    </message>
    <message>
        <source>pad / crop</source>
        <translation>填充 / 裁剪</translation>
    </message>
    <message>
        <source>concat / add</source>
        <translation>拼接 / 相加</translation>
    </message>
    <message>
        <source>dense / flatten</source>
        <translation>全连接 / 展平</translation>
    </message>
    <message>
        <source>norm / dropout / act</source>
        <translation>归一化 / Dropout / 激活</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>This build has no %1 translation; the UI stays English.</source>
        <translation>此版本不含 %1 翻译，界面保持英文。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>skip connection</source>
        <translation>跳跃连接</translation>
    </message>
    <message>
        <source>Convolutional autoencoder (MNIST 28×28)</source>
        <translation>卷积自编码器（MNIST 28×28）</translation>
    </message>
    <message>
        <source>U-Net (padding=&apos;same&apos;)</source>
        <translation>U-Net（padding=&apos;same&apos;）</translation>
    </message>
    <message>
        <source>U-Net, original (valid, 572×572)</source>
        <translation>U-Net 原版（valid，572×572）</translation>
    </message>
    <message>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <source>VGG16</source>
        <translation>VGG16</translation>
    </message>
    <message>
        <source>cannot use %1: %2</source>
        <translation>无法使用 %1：%2</translation>
    </message>
    <message>
        <source>cannot use the weights in %1: %2</source>
        <translation>无法使用 %1 中的权重：%2</translation>
    </message>
    <message>
        <source>trained weights from %1</source>
        <translation>来自 %1 的训练权重</translation>
    </message>
    <message>
        <source>&lt;h2&gt;ConvLens in five minutes&lt;/h2&gt;&lt;p&gt;Build or import a model on the left (the layer list, the palette, &lt;i&gt;File ▸ Import&lt;/i&gt;), edit the selected layer on the right (&lt;i&gt;Properties&lt;/i&gt;), and watch every shape follow in the &lt;i&gt;Summary&lt;/i&gt;. A layer the framework would refuse turns red, with the framework&apos;s reason and a fix. Every edit is one undo step.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;五分钟上手 ConvLens&lt;/h2&gt;&lt;p&gt;在左侧搭建或导入模型（层列表、组件面板、&lt;i&gt;文件 ▸ 导入&lt;/i&gt;），在右侧编辑选中的层（&lt;i&gt;属性&lt;/i&gt;），每个形状都会在&lt;i&gt;摘要&lt;/i&gt;中随之更新。框架会拒绝的层显示为红色，并给出框架的原因和修改建议。每次编辑都是一个可撤销的步骤。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The views&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Diagram&lt;/b&gt; — the architecture as boxes sized by their output; dashed lines are skip connections. Click a box to select its layer; the wheel zooms.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;视图&lt;/h3&gt;&lt;p&gt;&lt;b&gt;结构图&lt;/b&gt; — 用方框表示网络结构，方框大小对应输出尺寸；虚线是跳跃连接。点击方框选中对应的层；滚轮缩放。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the diagram of a U-Net</source>
        <translation>U-Net 的结构图</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;All layers&lt;/b&gt; — every layer&apos;s output at once, one column per layer, as CNN Explainer shows a network. Click a column to select its layer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;所有层&lt;/b&gt; — 同时显示每一层的输出，每层一列，就像 CNN Explainer 展示网络那样。点击一列选中对应的层。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>every layer&apos;s maps as columns</source>
        <translation>每一层的特征图按列排列</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Feature maps&lt;/b&gt; — each channel of the selected layer as a small map (yellow = high, dark blue = low; for values of both signs, red &amp;gt; 0 &amp;gt; blue). Click a map to enlarge it, then a cell to see its receptive field on the input.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;特征图&lt;/b&gt; — 选中层的每个通道显示为一张小图（黄色 = 高，深蓝 = 低；有正有负时，红 &amp;gt; 0 &amp;gt; 蓝）。点击一张图将其放大，再点击一个单元格，即可在输入上看到它的感受野。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the sixteen maps of a convolution</source>
        <translation>一个卷积层的十六张特征图</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Step player&lt;/b&gt; — a convolution or pooling layer replayed window by window with the real numbers: the input on the left inside its padding, the output filling in on the right, the arithmetic of the step underneath.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;逐步演示&lt;/b&gt; — 用真实数值逐个窗口地重放卷积层或池化层：左侧是带填充的输入，右侧的输出逐步填满，下方是当前这一步的算式。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the step player on a max pooling</source>
        <translation>最大池化的逐步演示</translation>
    </message>
    <message>
        <source>&lt;h3&gt;How padding and stride are drawn&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Padding&lt;/b&gt; cells are hatched, exactly where the framework puts them: Keras &lt;tt&gt;padding=&apos;same&apos;&lt;/tt&gt; adds the odd row and column at the &lt;i&gt;bottom and right&lt;/i&gt; (above: 7 → 4 with one padded row and column), PyTorch pads both sides equally. Each pad cell says what it counts as: &lt;tt&gt;0&lt;/tt&gt; for a convolution, &lt;tt&gt;−∞ ignored&lt;/tt&gt; for max pooling, &lt;tt&gt;not counted&lt;/tt&gt; or &lt;tt&gt;counted as 0&lt;/tt&gt; for average pooling.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;orange window&lt;/b&gt; is the kernel. Between two steps it moves by the &lt;b&gt;stride&lt;/b&gt;: with stride 2 it jumps two cells, so the output is about half the size. With dilation the window has holes (hatched grey).&lt;/li&gt;&lt;li&gt;The dashed line joins the window to the output cell it computes; click any output cell to jump to its step.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;填充和步长的画法&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;填充&lt;/b&gt;单元格画有斜线，位置与框架实际填充的位置完全一致：Keras &lt;tt&gt;padding=&apos;same&apos;&lt;/tt&gt; 把多出的一行和一列加在&lt;i&gt;下方和右侧&lt;/i&gt;（上图：7 → 4，填充一行一列），PyTorch 两侧填充相同。每个填充单元格标明它的含义：卷积为 &lt;tt&gt;0&lt;/tt&gt;，最大池化为 &lt;tt&gt;−∞ 忽略&lt;/tt&gt;，平均池化为 &lt;tt&gt;不计入&lt;/tt&gt; 或 &lt;tt&gt;按 0 计入&lt;/tt&gt;。&lt;/li&gt;&lt;li&gt;&lt;b&gt;橙色窗口&lt;/b&gt;就是卷积核。每一步它移动一个&lt;b&gt;步长&lt;/b&gt;：步长为 2 时跳过两个单元格，所以输出大约只有一半大。有膨胀（dilation）时窗口中间有空洞（灰色斜线）。&lt;/li&gt;&lt;li&gt;虚线把窗口连到它计算出的输出单元格；点击任意输出单元格即可跳到对应的那一步。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Random or trained weights&lt;/h3&gt;&lt;p&gt;The autoencoder and LeNet-5 examples come with trained weights. Any other model runs on seeded random weights, and an amber banner says so: its maps show what random filters make of the input, most cells read 0 after a ReLU. The banner offers an example&apos;s trained weights when they fit the model, or &lt;i&gt;Load weights…&lt;/i&gt; from a folder of .npy files.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;随机权重与训练好的权重&lt;/h3&gt;&lt;p&gt;自编码器和 LeNet-5 示例自带训练好的权重。其他模型使用固定种子的随机权重，并有一条琥珀色横幅提示：此时的特征图只是随机卷积核对输入的处理结果，ReLU 之后大多数单元格为 0。若某个示例的训练权重与模型匹配，横幅会提供这些权重，也可以&lt;i&gt;加载权重…&lt;/i&gt;，从一个 .npy 文件夹读取。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;&lt;table&gt;</source>
        <translation>&lt;h3&gt;快捷键&lt;/h3&gt;&lt;table&gt;</translation>
    </message>
    <message>
        <source>Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y)</source>
        <translation>Ctrl+Z, Ctrl+Shift+Z (Ctrl+Y)</translation>
    </message>
    <message>
        <source>undo, redo — from anywhere, also while typing in a field</source>
        <translation>撤销、重做 — 在任何地方都可用，输入框中输入时也可以</translation>
    </message>
    <message>
        <source>Del, Ctrl+D, F2</source>
        <translation>Del, Ctrl+D, F2</translation>
    </message>
    <message>
        <source>delete, duplicate, rename the selected layers</source>
        <translation>删除、复制、重命名选中的层</translation>
    </message>
    <message>
        <source>Ctrl+A</source>
        <translation>Ctrl+A</translation>
    </message>
    <message>
        <source>select every layer</source>
        <translation>选中所有层</translation>
    </message>
    <message>
        <source>Ctrl+K, Ctrl+Shift+K</source>
        <translation>Ctrl+K, Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>import Keras or PyTorch code</source>
        <translation>导入 Keras 或 PyTorch 代码</translation>
    </message>
    <message>
        <source>Ctrl+O, Ctrl+S</source>
        <translation>Ctrl+O, Ctrl+S</translation>
    </message>
    <message>
        <source>open, save</source>
        <translation>打开、保存</translation>
    </message>
    <message>
        <source>Ctrl+0, Ctrl++, Ctrl+−</source>
        <translation>Ctrl+0, Ctrl++, Ctrl+−</translation>
    </message>
    <message>
        <source>fit, zoom the diagram</source>
        <translation>结构图适应窗口、缩放</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>step player: play / pause</source>
        <translation>逐步演示：播放 / 暂停</translation>
    </message>
    <message>
        <source>← →, Shift+← →</source>
        <translation>← →, Shift+← →</translation>
    </message>
    <message>
        <source>step player: one step, ten steps</source>
        <translation>逐步演示：前进/后退一步、十步</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Home, End</translation>
    </message>
    <message>
        <source>step player: first, last step</source>
        <translation>逐步演示：第一步、最后一步</translation>
    </message>
    <message>
        <source>+ −, F</source>
        <translation>+ −, F</translation>
    </message>
    <message>
        <source>step player: zoom, fit</source>
        <translation>逐步演示：缩放、适应窗口</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>feature maps: back from an enlarged map</source>
        <translation>特征图：从放大的图返回</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them?</source>
        <translation>“%1”有未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Open input image</source>
        <translation>打开输入图像</translation>
    </message>
    <message>
        <source>Images and arrays (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm *.webp *.npy);;All files (*)</source>
        <translation>图像和数组 (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm *.webp *.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load weights: a folder of .npy files named as the framework names the weights</source>
        <translation>加载权重：一个 .npy 文件夹，文件按框架对权重的命名来命名</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>ConvLens projects (*.json)</source>
        <translation>ConvLens 项目 (*.json)</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>导出结构图</translation>
    </message>
    <message>
        <source>Set %1.%2 = %3</source>
        <translation>设置 %1.%2 = %3</translation>
    </message>
    <message>
        <source>Models (*.json *.py *.onnx *.keras *.h5 *.hdf5);;ConvLens projects (*.json);;Keras or PyTorch code (*.py);;ONNX models (*.onnx);;Keras models (*.keras *.h5 *.hdf5 *.json);;All files (*)</source>
        <translation>模型 (*.json *.py *.onnx *.keras *.h5 *.hdf5);;ConvLens 项目 (*.json);;Keras 或 PyTorch 代码 (*.py);;ONNX 模型 (*.onnx);;Keras 模型 (*.keras *.h5 *.hdf5 *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>not enough memory for the forward pass</source>
        <translation>前向传播所需内存不足</translation>
    </message>
    <message>
        <source>the forward pass failed: %1</source>
        <translation>前向传播失败：%1</translation>
    </message>
    <message>
        <source>the forward pass failed</source>
        <translation>前向传播失败</translation>
    </message>
    <message>
        <source>the forward pass needs about %1 of memory (the largest output is &apos;%2&apos; = %3), more than the budget of %4; use a smaller input size</source>
        <translation>前向传播约需 %1 内存（最大的输出是 &apos;%2&apos; = %3），超出了 %4 的预算；请使用更小的输入尺寸</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>ConvLens did not quit normally last time. Restore the unsaved changes to %1?</source>
        <translation>ConvLens 上次没有正常退出。要恢复对 %1 的未保存更改吗？</translation>
    </message>
    <message>
        <source>the trained weights %1 are missing: seeded random weights</source>
        <translation>训练权重 %1 缺失：使用固定种子的随机权重</translation>
    </message>
</context>
<context>
    <name>Quiz</name>
    <message>
        <source>strides default to pool_size: s = %1, not 1</source>
        <translation>strides 默认等于 pool_size：步长 s = %1，而不是 1</translation>
    </message>
    <message>
        <source>dilation_rate=%1 widens the kernel: k&apos; = d·(k − 1) + 1 = %2</source>
        <translation>dilation_rate=%1 使卷积核变宽：k&apos; = d·(k − 1) + 1 = %2</translation>
    </message>
    <message>
        <source>padding=&apos;same&apos; gives ⌈i / s⌉ = ⌈%1 / %2⌉ = %3: the kernel size does not enter</source>
        <translation>padding=&apos;same&apos; 的输出是 ⌈i / s⌉ = ⌈%1 / %2⌉ = %3：与卷积核大小无关</translation>
    </message>
    <message>
        <source>&apos;same&apos; rounds up: ⌈%1 / %2⌉, not ⌊%1 / %2⌋</source>
        <translation>&apos;same&apos; 向上取整：⌈%1 / %2⌉，而不是 ⌊%1 / %2⌋</translation>
    </message>
    <message>
        <source>padding=&apos;valid&apos; adds no padding: the window must fit, ⌊(i − k&apos;) / s⌋ + 1</source>
        <translation>padding=&apos;valid&apos; 不做填充：窗口必须完全落在输入内，⌊(i − k&apos;) / s⌋ + 1</translation>
    </message>
    <message>
        <source>the + 1: the first window counts too</source>
        <translation>“+ 1”：第一个窗口也要算上</translation>
    </message>
    <message>
        <source>the division rounds down: ⌊(%1 − %2) / %3⌋</source>
        <translation>除法向下取整：⌊(%1 − %2) / %3⌋</translation>
    </message>
    <message>
        <source>the stride divides the size: s = %1</source>
        <translation>步长会把尺寸除以 s：s = %1</translation>
    </message>
    <message>
        <source>stride defaults to kernel_size: s = %1, not 1</source>
        <translation>stride 默认等于 kernel_size：步长 s = %1，而不是 1</translation>
    </message>
    <message>
        <source>dilation=%1 widens the kernel: k&apos; = d·(k − 1) + 1 = %2</source>
        <translation>dilation=%1 使卷积核变宽：k&apos; = d·(k − 1) + 1 = %2</translation>
    </message>
    <message>
        <source>padding=%1 is added on both sides: i + 2·%1 = %2</source>
        <translation>padding=%1 在两侧都要加：i + 2·%1 = %2</translation>
    </message>
    <message>
        <source>padding=%1 adds %1 on each side</source>
        <translation>padding=%1 在每一侧各填充 %1</translation>
    </message>
    <message>
        <source>ceil_mode=True rounds the division up</source>
        <translation>ceil_mode=True 时除法向上取整</translation>
    </message>
    <message>
        <source>the division rounds down (floor)</source>
        <translation>除法向下取整（floor）</translation>
    </message>
    <message>
        <source>C is the number of filters: filters=%1</source>
        <translation>C 是卷积核的个数：filters=%1</translation>
    </message>
    <message>
        <source>C is out_channels=%1</source>
        <translation>C 就是 out_channels=%1</translation>
    </message>
    <message>
        <source>a depthwise convolution gives C = C_in × depth_multiplier = %1 × %2</source>
        <translation>深度卷积的输出通道数 C = C_in × depth_multiplier = %1 × %2</translation>
    </message>
    <message>
        <source>concatenation adds up the channels of its inputs: C = %1</source>
        <translation>拼接把各输入的通道数相加：C = %1</translation>
    </message>
    <message>
        <source>this layer keeps the channels: C = %1</source>
        <translation>这一层不改变通道数：C = %1</translation>
    </message>
    <message>
        <source>no layer &apos;%1&apos; in the model</source>
        <translation>模型中没有名为 &apos;%1&apos; 的层</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no height × width × channels output to predict</source>
        <translation>&apos;%1&apos; 的输出不是 高 × 宽 × 通道 的形式，无法作答</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not pad its input</source>
        <translation>&apos;%1&apos; 不对输入做填充</translation>
    </message>
    <message>
        <source>padding=&apos;valid&apos; adds no padding at all</source>
        <translation>padding=&apos;valid&apos; 完全不做填充</translation>
    </message>
    <message>
        <source>TensorFlow puts the odd pad cell at the bottom and right: ⌊%1 / 2⌋ = %2 before, %3 after</source>
        <translation>TensorFlow 把多出的那个填充单元放在下方和右侧：前面 ⌊%1 / 2⌋ = %2，后面 %3</translation>
    </message>
    <message>
        <source>&apos;same&apos; pads total = max((out − 1)·s + k&apos; − i, 0) = max((%1 − 1)·%2 + %3 − %4, 0) = %5, which depends on the input size; ⌊total / 2⌋ before, the rest after</source>
        <translation>&apos;same&apos; 的总填充量 = max((out − 1)·s + k&apos; − i, 0) = max((%1 − 1)·%2 + %3 − %4, 0) = %5，它取决于输入尺寸；前面填 ⌊total / 2⌋，其余填在后面</translation>
    </message>
    <message>
        <source>PyTorch pads symmetrically: padding=%1 on each side</source>
        <translation>PyTorch 对称填充：每一侧都是 padding=%1</translation>
    </message>
    <message>
        <source>padding=%1 is what the layer adds on each side</source>
        <translation>padding=%1 就是该层在每一侧填充的量</translation>
    </message>
</context>
<context>
    <name>Solver</name>
    <message>
        <source>a refusal</source>
        <translation>一条拒绝信息</translation>
    </message>
    <message>
        <source>PyTorch refuses padding=&apos;same&apos; with stride &gt; 1: write padding=%1 (the same windows).</source>
        <translation>PyTorch 不接受 stride &gt; 1 时的 padding=&apos;same&apos;：请写 padding=%1（窗口完全相同）。</translation>
    </message>
    <message>
        <source>TensorFlow pads %1 top/left and %2 bottom/right here (the extra one after, and it depends on the input size); PyTorch pads both sides alike: padding=%1 gives %3, padding=%2 gives %4. nn.ZeroPad2d((%1, %2, %1, %2)) before a padding=0 Conv2d matches TensorFlow exactly.</source>
        <translation>这里 TensorFlow 在上/左填充 %1，在下/右填充 %2（多出的一个在后面，而且取决于输入尺寸）；PyTorch 两侧填充相同：padding=%1 得到 %3，padding=%2 得到 %4。在 padding=0 的 Conv2d 之前加 nn.ZeroPad2d((%1, %2, %1, %2)) 可与 TensorFlow 完全一致。</translation>
    </message>
    <message>
        <source> PyTorch&apos;s AvgPool2d counts the padded zeros in the divisor unless count_include_pad=False; Keras never counts them.</source>
        <translation> PyTorch 的 AvgPool2d 会把填充的 0 计入除数，除非 count_include_pad=False；Keras 从不计入。</translation>
    </message>
    <message>
        <source>PyTorch: %1(%2, %3, padding=%4) gives the same windows.%5</source>
        <translation>PyTorch：%1(%2, %3, padding=%4) 得到相同的窗口。%5</translation>
    </message>
    <message>
        <source>TensorFlow pads %1 top/left and %2 bottom/right; PyTorch pads symmetrically, so the same windows need %3(%4, %5, padding=%1, ceil_mode=True): its last window overhangs the edge as TensorFlow&apos;s extra pad does.%6</source>
        <translation>TensorFlow 在上/左填充 %1，在下/右填充 %2；PyTorch 对称填充，所以要得到相同的窗口需要 %3(%4, %5, padding=%1, ceil_mode=True)：它的最后一个窗口越过边缘，正好相当于 TensorFlow 多出的那个填充。%6</translation>
    </message>
    <message>
        <source>TensorFlow pads %1 top/left and %2 bottom/right; no %3 gives these windows (PyTorch&apos;s pooling padding is symmetric and at most kernel_size / 2).%4</source>
        <translation>TensorFlow 在上/左填充 %1，在下/右填充 %2；没有任何 %3 能得到这些窗口（PyTorch 池化的填充是对称的，且最多为 kernel_size / 2）。%4</translation>
    </message>
    <message>
        <source>PyTorch: ConvTranspose2d(…, %1, stride=%2, padding=%3, output_padding=%4) gives the same output.</source>
        <translation>PyTorch：ConvTranspose2d(…, %1, stride=%2, padding=%3, output_padding=%4) 得到相同的输出。</translation>
    </message>
    <message>
        <source>PyTorch: padding=%1, output_padding=%2 gives the same size, but TensorFlow crops %3 before and %4 after while PyTorch crops %1 and %5: the output is shifted by one pixel.</source>
        <translation>PyTorch：padding=%1、output_padding=%2 得到相同的尺寸，但 TensorFlow 在前面裁掉 %3、后面裁掉 %4，而 PyTorch 裁掉 %1 和 %5：输出错开一个像素。</translation>
    </message>
    <message>
        <source>No ConvTranspose2d padding gives this size: PyTorch crops padding on both sides and adds output_padding after.</source>
        <translation>没有任何 ConvTranspose2d 的 padding 能得到这个尺寸：PyTorch 在两侧按 padding 裁剪，并在后面加上 output_padding。</translation>
    </message>
    <message>
        <source>Keras refuses strides &gt; 1 with dilation_rate &gt; 1.</source>
        <translation>Keras 不接受 strides &gt; 1 与 dilation_rate &gt; 1 同时使用。</translation>
    </message>
    <message>
        <source>Keras: padding=&apos;same&apos; gives the same windows here.</source>
        <translation>Keras：这里 padding=&apos;same&apos; 得到相同的窗口。</translation>
    </message>
    <message>
        <source>Keras has only &apos;valid&apos; and &apos;same&apos; (&apos;same&apos; pads %1 top/left and %2 bottom/right here, giving %3): put ZeroPadding2D(%4) before a &apos;valid&apos; Conv2D.</source>
        <translation>Keras 只有 &apos;valid&apos; 和 &apos;same&apos;（这里 &apos;same&apos; 在上/左填充 %1、下/右填充 %2，得到 %3）：请在 &apos;valid&apos; 的 Conv2D 之前加 ZeroPadding2D(%4)。</translation>
    </message>
    <message>
        <source>Keras pooling has no dilation.</source>
        <translation>Keras 的池化没有 dilation。</translation>
    </message>
    <message>
        <source> Keras never counts padded cells in the average; AvgPool2d counts them unless count_include_pad=False.</source>
        <translation> Keras 求平均时从不计入填充单元；AvgPool2d 会计入，除非 count_include_pad=False。</translation>
    </message>
    <message>
        <source>Keras: %1(%2, strides=%3, padding=&apos;same&apos;) gives the same windows (it pads %4 top/left and %5 bottom/right).%6</source>
        <translation>Keras：%1(%2, strides=%3, padding=&apos;same&apos;) 得到相同的窗口（上/左填充 %4，下/右填充 %5）。%6</translation>
    </message>
    <message>
        <source>Keras has no ceil_mode: its &apos;valid&apos; rounds down and &apos;same&apos; gives %1 here.%2</source>
        <translation>Keras 没有 ceil_mode：它的 &apos;valid&apos; 向下取整，这里 &apos;same&apos; 得到 %1。%2</translation>
    </message>
    <message>
        <source>Keras pooling takes no padding amount: ZeroPadding2D(%1) before it would make the pad cells real zeros (max pooling could pick them, average pooling counts them).%2</source>
        <translation>Keras 的池化不能指定填充量：在它之前加 ZeroPadding2D(%1) 会让填充单元变成真正的 0（最大池化可能选中它们，平均池化会计入它们）。%2</translation>
    </message>
    <message>
        <source>Keras: Conv2DTranspose(…, %1, strides=%2, %3) gives the same output.</source>
        <translation>Keras：Conv2DTranspose(…, %1, strides=%2, %3) 得到相同的输出。</translation>
    </message>
    <message>
        <source>Keras %1 gives the same size, but TensorFlow crops %2 before and %3 after while PyTorch crops %4 and %5: the output is shifted by one pixel.</source>
        <translation>Keras %1 得到相同的尺寸，但 TensorFlow 在前面裁掉 %2、后面裁掉 %3，而 PyTorch 裁掉 %4 和 %5：输出错开一个像素。</translation>
    </message>
    <message>
        <source>No Keras Conv2DTranspose gives this size (&apos;same&apos; and &apos;valid&apos; only): crop with Cropping2D after a &apos;valid&apos; one.</source>
        <translation>没有任何 Keras Conv2DTranspose 能得到这个尺寸（只有 &apos;same&apos; 和 &apos;valid&apos;）：请在 &apos;valid&apos; 的转置卷积之后用 Cropping2D 裁剪。</translation>
    </message>
</context>
<context>
    <name>StepExporter</name>
    <message>
        <source>nothing to animate</source>
        <translation>没有可以制作动画的内容</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has %2 steps on this channel; a contact sheet takes at most %3 (export the animation instead, or pick a smaller layer)</source>
        <translation>&apos;%1&apos; 在这个通道上有 %2 步；总览图最多容纳 %3 步（请改为导出动画，或选一个更小的层）</translation>
    </message>
    <message>
        <source>cannot paint an SVG</source>
        <translation>无法绘制 SVG</translation>
    </message>
</context>
<context>
    <name>StepPainter</name>
    <message>
        <source>0
pad</source>
        <translation>0
填充</translation>
    </message>
    <message>
        <source>zeros: the convolution multiplies them like any cell</source>
        <translation>零：卷积像对待其他单元一样与它们相乘</translation>
    </message>
    <message>
        <source>−∞
ignored</source>
        <translation>−∞
忽略</translation>
    </message>
    <message>
        <source>ignored (−∞): max pooling never picks them</source>
        <translation>忽略（−∞）：最大池化从不选中它们</translation>
    </message>
    <message>
        <source>counted
as 0</source>
        <translation>按 0
计入</translation>
    </message>
    <message>
        <source>counted as 0: they add nothing but count in the divisor (count_include_pad=True)</source>
        <translation>按 0 计入：不增加总和，但计入除数（count_include_pad=True）</translation>
    </message>
    <message>
        <source>not
counted</source>
        <translation>不
计入</translation>
    </message>
    <message>
        <source>not counted: the average divides by the real cells only</source>
        <translation>不计入：平均值只除以真实单元的个数</translation>
    </message>
    <message>
        <source>beyond the padding (ceil_mode): ignored</source>
        <translation>超出填充（ceil_mode）：忽略</translation>
    </message>
    <message>
        <source>beyond the padding (ceil_mode): not counted, even with count_include_pad</source>
        <translation>超出填充（ceil_mode）：不计入，即使 count_include_pad 也不计入</translation>
    </message>
    <message>
        <source>beyond
ignored</source>
        <translation>越界
忽略</translation>
    </message>
    <message>
        <source>beyond
not counted</source>
        <translation>越界
不计入</translation>
    </message>
    <message>
        <source>stamp of the current input cell: x·w added to each cell (overlaps add up)</source>
        <translation>当前输入单元的印记：每个单元加上 x·w（重叠部分累加）</translation>
    </message>
    <message>
        <source>canvas cells cropped away from the output</source>
        <translation>从输出中裁掉的画布单元</translation>
    </message>
    <message>
        <source>italic: partial sum (bias + the stamps so far); upright: final, activation applied</source>
        <translation>斜体：部分和（偏置 + 目前为止的印记）；正体：最终值，已经过激活函数</translation>
    </message>
    <message>
        <source>window %1×%2, stride %3×%4%5</source>
        <translation>窗口 %1×%2，步长 %3×%4%5</translation>
    </message>
    <message>
        <source>, dilation %1×%2 (effective %3×%4)</source>
        <translation>，膨胀 %1×%2（等效 %3×%4）</translation>
    </message>
    <message>
        <source>padding: %1</source>
        <translation>填充：%1</translation>
    </message>
    <message>
        <source>no padding: every window lies on the input</source>
        <translation>无填充：每个窗口都落在输入上</translation>
    </message>
    <message>
        <source>holes: cells the dilated window skips</source>
        <translation>空洞：膨胀窗口跳过的单元</translation>
    </message>
    <message>
        <source>input · channel %1 · %2×%3</source>
        <translation>输入 · 通道 %1 · %2×%3</translation>
    </message>
    <message>
        <source> + padding top %1, bottom %2, left %3, right %4</source>
        <translation> + 填充 上 %1，下 %2，左 %3，右 %4</translation>
    </message>
    <message>
        <source> + overhang %1, %2</source>
        <translation> + 越界 %1, %2</translation>
    </message>
    <message>
        <source>  (1 of %1 input channels, Σ)</source>
        <translation>  （%1 个输入通道之一，Σ）</translation>
    </message>
    <message>
        <source>output · channel %1 · %2×%3</source>
        <translation>输出 · 通道 %1 · %2×%3</translation>
    </message>
    <message>
        <source>cropped</source>
        <translation>已裁剪</translation>
    </message>
    <message>
        <source>canvas %1×%2 → output · channel %3 · %4×%5, cropped top %6, bottom %7, left %8, right %9</source>
        <translation>画布 %1×%2 → 输出 · 通道 %3 · %4×%5，裁剪 上 %6，下 %7，左 %8，右 %9</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Step %1 of %2 — input cell (%3, %4) stamps the kernel at canvas (%5, %6):</source>
        <translation>第 %1 步，共 %2 步 — 输入单元 (%3, %4) 把卷积核印在画布 (%5, %6) 处：</translation>
    </message>
    <message>
        <source>Step %1 of %2 — output (%3, %4) from the window at padded (%5, %6):</source>
        <translation>第 %1 步，共 %2 步 — 输出 (%3, %4) 来自填充后坐标 (%5, %6) 处的窗口：</translation>
    </message>
    <message>
        <source>Σ over the %1 input channels (x of each); the canvas shows the sum</source>
        <translation>对 %1 个输入通道求和（各取其 x）；画布显示总和</translation>
    </message>
    <message>
        <source>channel %1: Σ w·x = %2</source>
        <translation>通道 %1：Σ w·x = %2</translation>
    </message>
    <message>
        <source> · Σ of the %1 input channels%2 = %3</source>
        <translation> · %1 个输入通道之和%2 = %3</translation>
    </message>
    <message>
        <source> + b (%1)</source>
        <translation> + b (%1)</translation>
    </message>
    <message>
        <source> · + b (%1) = %2</source>
        <translation> · + b (%1) = %2</translation>
    </message>
</context>
<context>
    <name>convlens::ChoiceField</name>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>convlens::Classroom</name>
    <message>
        <source>&amp;Teach</source>
        <translation>教学(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Solve for a size…</source>
        <translation>按尺寸求解(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quiz: predict the shape…</source>
        <translation>测验：预测形状(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Export step</source>
        <translation>导出步骤(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Animation (GIF)…</source>
        <translation>动画 (GIF)(&amp;A)…</translation>
    </message>
    <message>
        <source>Current step as &amp;PNG…</source>
        <translation>当前步骤导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Current step as &amp;SVG…</source>
        <translation>当前步骤导出为 &amp;SVG…</translation>
    </message>
    <message>
        <source>All steps as a &amp;contact sheet…</source>
        <translation>所有步骤导出为总览图(&amp;C)…</translation>
    </message>
    <message>
        <source>Frame size</source>
        <translation>画面尺寸</translation>
    </message>
    <message>
        <source>Export step</source>
        <translation>导出步骤</translation>
    </message>
    <message>
        <source>The step player shows no layer: select a Conv2D, pooling or transposed-convolution layer and open the Step player first.</source>
        <translation>逐步演示中没有显示任何层：请先选中一个 Conv2D、池化或转置卷积层，并打开“逐步演示”。</translation>
    </message>
    <message>
        <source>Export the step animation</source>
        <translation>导出步骤动画</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Export the current step as PNG</source>
        <translation>将当前步骤导出为 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export the current step as SVG</source>
        <translation>将当前步骤导出为 SVG</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export all steps as a contact sheet</source>
        <translation>将所有步骤导出为总览图</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>convlens::DiagramView</name>
    <message>
        <source>No layers yet: drag one from the palette</source>
        <translation>还没有层：从组件面板拖一个进来</translation>
    </message>
    <message>
        <source>ConvLens diagram</source>
        <translation>ConvLens 结构图</translation>
    </message>
    <message>
        <source>cannot paint an SVG</source>
        <translation>无法绘制 SVG</translation>
    </message>
</context>
<context>
    <name>convlens::DigitCanvas</name>
    <message>
        <source>Draw a digit: left button paints, right button erases</source>
        <translation>写一个数字：左键书写，右键擦除</translation>
    </message>
</context>
<context>
    <name>convlens::Document</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Edit the quiz</source>
        <translation>编辑测验</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 layer</source>
        <translation>&apos;%1&apos; 不是 %2 的层</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n layers</source>
        <translation>
            <numerusform>删除 %n 个层</numerusform>
        </translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n layers</source>
        <translation>
            <numerusform>移动 %n 个层</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 now reads %2 instead of %3</source>
        <translation>%1 现在读取 %2，而不是 %3</translation>
    </message>
    <message numerus="yes">
        <source> (rewires %n connection(s))</source>
        <translation>
            <numerusform>（改接了 %n 个连接）</numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>Connect %1 ← %2</source>
        <translation>连接 %1 ← %2</translation>
    </message>
    <message>
        <source>Switch to Keras semantics</source>
        <translation>切换到 Keras 语义</translation>
    </message>
    <message>
        <source>Switch to PyTorch semantics</source>
        <translation>切换到 PyTorch 语义</translation>
    </message>
    <message>
        <source>‘%1’ has no crop that would fix it</source>
        <translation>‘%1’ 没有能修复它的裁剪</translation>
    </message>
    <message>
        <source>Crop the inputs of %1</source>
        <translation>裁剪 %1 的输入</translation>
    </message>
</context>
<context>
    <name>convlens::FeatureMapsView</name>
    <message>
        <source>Select a layer to see its feature maps.</source>
        <translation>选中一个层，查看它的特征图。</translation>
    </message>
    <message>
        <source>◀ All channels</source>
        <translation>◀ 所有通道</translation>
    </message>
    <message>
        <source>Back to every channel of the layer (Esc)</source>
        <translation>返回该层的所有通道 (Esc)</translation>
    </message>
    <message>
        <source>Same scale for all channels</source>
        <translation>所有通道使用同一色标</translation>
    </message>
    <message>
        <source>On: one colour scale over the whole layer, so channels compare. Off: each tile uses its own range, so weak channels show their structure.</source>
        <translation>开：整层使用同一个色标，便于比较各通道。关：每张图使用自己的数值范围，较弱的通道也能显示出结构。</translation>
    </message>
    <message>
        <source>Hover a map for its values; click a tile to enlarge it.</source>
        <translation>鼠标悬停可查看数值；点击一张图将其放大。</translation>
    </message>
    <message>
        <source>it is refused: %1</source>
        <translation>它被拒绝了：%1</translation>
    </message>
    <message>
        <source>a layer above it is refused, so it has no shape</source>
        <translation>它上面有一层被拒绝，所以它没有形状</translation>
    </message>
    <message>
        <source>‘%1’ has no feature maps: %2</source>
        <translation>‘%1’ 没有特征图：%2</translation>
    </message>
    <message>
        <source>Hover a bar or a cell for its value.</source>
        <translation>鼠标悬停在柱或单元格上可查看数值。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) → %3: %4 of %5×%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) → %3：%4，每个 %5×%6</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>1 个通道</translation>
    </message>
    <message>
        <source>%1 channels</source>
        <translation>%1 个通道</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) → %3: %4 values</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) → %3：%4 个值</translation>
    </message>
    <message>
        <source>&lt;b&gt;Feature maps&lt;/b&gt;</source>
        <translation>&lt;b&gt;特征图&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click a cell of the map for its receptive field on the input; Esc or “All channels” goes back.</source>
        <translation>点击特征图上的单元格，查看它在输入上的感受野；按 Esc 或“所有通道”返回。</translation>
    </message>
    <message>
        <source>No receptive field: %1</source>
        <translation>没有感受野：%1</translation>
    </message>
    <message>
        <source>receptive field of (%1, %2) on ‘%3’: rows %4–%5, columns %6–%7 (%8×%9, %10 cells)</source>
        <translation>(%1, %2) 在 ‘%3’ 上的感受野：第 %4–%5 行，第 %6–%7 列（%8×%9，%10 个单元）</translation>
    </message>
    <message>
        <source> (first of %1 model inputs)</source>
        <translation>（%1 个模型输入中的第一个）</translation>
    </message>
    <message>
        <source>channel %1, row %2, col %3: %4</source>
        <translation>通道 %1，第 %2 行，第 %3 列：%4</translation>
    </message>
    <message>
        <source>channel %1, row %2, col %3: %4 — click for its receptive field</source>
        <translation>通道 %1，第 %2 行，第 %3 列：%4 — 点击查看感受野</translation>
    </message>
    <message>
        <source>input row %1, col %2</source>
        <translation>输入第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <source>: inside the receptive field</source>
        <translation>：在感受野内</translation>
    </message>
    <message>
        <source>: outside the receptive field</source>
        <translation>：在感受野外</translation>
    </message>
    <message>
        <source>unit %1: %2</source>
        <translation>单元 %1：%2</translation>
    </message>
    <message>
        <source>Click a tile to enlarge it.</source>
        <translation>点击一张图将其放大。</translation>
    </message>
    <message>
        <source>ch %1</source>
        <translation>通道 %1</translation>
    </message>
    <message>
        <source>tile min</source>
        <translation>本图最小值</translation>
    </message>
    <message>
        <source>tile max</source>
        <translation>本图最大值</translation>
    </message>
    <message>
        <source>the channel&apos;s range</source>
        <translation>该通道的范围</translation>
    </message>
    <message>
        <source>one scale for all %1 channels</source>
        <translation>%1 个通道共用一个色标</translation>
    </message>
    <message>
        <source> — blue &lt; 0 &lt; red</source>
        <translation> — 蓝 &lt; 0 &lt; 红</translation>
    </message>
    <message>
        <source>each tile scaled to its own range (hover a tile for its numbers)</source>
        <translation>每张图按自己的范围着色（悬停查看数值）</translation>
    </message>
    <message>
        <source>scale of channel %1</source>
        <translation>通道 %1 的色标</translation>
    </message>
    <message>
        <source>%1 · channel %2 — click a cell</source>
        <translation>%1 · 通道 %2 — 点击一个单元格</translation>
    </message>
    <message>
        <source>model input %1×%2</source>
        <translation>模型输入 %1×%2</translation>
    </message>
    <message>
        <source>click a cell of the map to see which input pixels it depends on</source>
        <translation>点击特征图上的单元格，查看它依赖哪些输入像素</translation>
    </message>
    <message>
        <source>a rank-1 output: one bar per unit</source>
        <translation>一维输出：每个单元一根柱</translation>
    </message>
    <message>
        <source>a rank-1 output of %1 values, %2 per row (row-major)</source>
        <translation>%1 个值的一维输出，每行 %2 个（按行排列）</translation>
    </message>
</context>
<context>
    <name>convlens::FloatField</name>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>convlens::GuideDialog</name>
    <message>
        <source>ConvLens guide</source>
        <translation>ConvLens 指南</translation>
    </message>
</context>
<context>
    <name>convlens::ImportDialog</name>
    <message>
        <source>Import model code</source>
        <translation>导入模型代码</translation>
    </message>
    <message>
        <source>Detect from the code</source>
        <translation>从代码中识别</translation>
    </message>
    <message>
        <source>Framework</source>
        <translation>框架</translation>
    </message>
    <message>
        <source>Input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>Paste Keras code (Sequential or functional) or a PyTorch nn.Sequential here.</source>
        <translation>在这里粘贴 Keras 代码（Sequential 或函数式）或 PyTorch nn.Sequential。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>From file…</source>
        <translation>从文件…</translation>
    </message>
    <message>
        <source>Python code (*.py *.txt);;All files (*)</source>
        <translation>Python 代码 (*.py *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>required for PyTorch, e.g. 1,28,28</source>
        <translation>PyTorch 必填，例如 1,28,28</translation>
    </message>
    <message>
        <source>optional, e.g. 28,28,1</source>
        <translation>可选，例如 28,28,1</translation>
    </message>
    <message>
        <source>channels, height, width</source>
        <translation>通道, 高, 宽</translation>
    </message>
    <message>
        <source>height, width, channels (overrides Input)</source>
        <translation>高, 宽, 通道（覆盖 Input）</translation>
    </message>
    <message>
        <source>enter the input shape (\1) in the Input shape field</source>
        <translation>在“输入形状”框中填写输入形状（\1）</translation>
    </message>
    <message>
        <source>the input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>PyTorch code does not say how large its input is: enter the input shape as channels, height, width in the Input shape field (1,28,28 for an MNIST digit).</source>
        <translation>PyTorch 代码没有说明输入有多大：请在“输入形状”框中按 通道, 高, 宽 填写（MNIST 数字为 1,28,28）。</translation>
    </message>
    <message>
        <source>The input shape must be positive sizes separated by commas, like 1,28,28.</source>
        <translation>输入形状必须是用逗号分隔的正整数，例如 1,28,28。</translation>
    </message>
    <message>
        <source>only for code that defines a builder and never calls it, e.g. LeNet.build(28, 28, 1, 10)</source>
        <translation>仅用于定义了构建函数却从未调用它的代码，例如 LeNet.build(28, 28, 1, 10)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>write the call with its arguments in the Call field, e.g. \1</source>
        <translation>请在“调用”栏中写出带参数的调用，例如 \1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
<context>
    <name>convlens::InputPanel</name>
    <message>
        <source>Sample digits (click one):</source>
        <translation>示例数字（点击选择）：</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>An image (PNG, JPEG, …) or a .npy array; you can also drop one on the window</source>
        <translation>一张图像（PNG、JPEG 等）或一个 .npy 数组；也可以直接拖到窗口上</translation>
    </message>
    <message>
        <source>Or draw a digit:</source>
        <translation>或者写一个数字：</translation>
    </message>
    <message>
        <source>It is centred and scaled as MNIST digits are (centre of mass, 20×20 box in 28×28) before the network sees it: the picture at the top shows the result</source>
        <translation>在送入网络之前，它会像 MNIST 数字那样居中并缩放（按质心居中，20×20 的框放在 28×28 中）：上方的图显示处理结果</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你写的数字</translation>
    </message>
    <message>
        <source>no input</source>
        <translation>没有输入</translation>
    </message>
    <message>
        <source>sample digit %1</source>
        <translation>示例数字 %1</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1 is too large (%2×%3 pixels)</source>
        <translation>%1 太大（%2×%3 像素）</translation>
    </message>
    <message>
        <source>%1 is not an image Qt can read</source>
        <translation>%1 不是 Qt 能读取的图像</translation>
    </message>
    <message>
        <source>model input %1×%2</source>
        <translation>模型输入 %1×%2</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;输入：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;No image chosen: the first sample digit.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;未选择图像：使用第一个示例数字。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>convlens::IntField</name>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>convlens::LayerModel</name>
    <message>
        <source>&lt;br&gt;inputs: %1</source>
        <translation>&lt;br&gt;输入：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Fix:&lt;/i&gt; %1</source>
        <translation>&lt;br&gt;&lt;i&gt;修改建议：&lt;/i&gt;%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;no shape: a layer above it is refused</source>
        <translation>&lt;br&gt;没有形状：它上面有一层被拒绝</translation>
    </message>
    <message>
        <source>&lt;br&gt;output: %1</source>
        <translation>&lt;br&gt;输出：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;params: %1</source>
        <translation>&lt;br&gt;参数：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;MACs: %1</source>
        <translation>&lt;br&gt;乘加次数 (MACs)：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;padding (top, bottom, left, right): %1, %2, %3, %4</source>
        <translation>&lt;br&gt;填充（上, 下, 左, 右）：%1, %2, %3, %4</translation>
    </message>
    <message>
        <source>&lt;br&gt;receptive field: %1×%2</source>
        <translation>&lt;br&gt;感受野：%1×%2</translation>
    </message>
    <message>
        <source>A quiz question: predict this layer&apos;s output (Teach ▸ Quiz)</source>
        <translation>测验题：预测这一层的输出（教学 ▸ 测验）</translation>
    </message>
    <message>
        <source>✗ refused</source>
        <translation>✗ 被拒绝</translation>
    </message>
    <message>
        <source>blocked: a layer above is refused</source>
        <translation>受阻：上面有一层被拒绝</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Output shape [N, C, H, W]</source>
        <translation>输出形状 [N, C, H, W]</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数数量</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
</context>
<context>
    <name>convlens::LayerView</name>
    <message>
        <source>&lt;b&gt;Random weights.&lt;/b&gt; This model runs on seeded initial weights, not trained ones: most cells read 0 after a ReLU and the patterns mean nothing yet.</source>
        <translation>&lt;b&gt;随机权重。&lt;/b&gt;此模型使用固定种子的初始权重，而不是训练好的权重：ReLU 之后大多数单元为 0，图案还没有意义。</translation>
    </message>
    <message>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <source>A folder of .npy files named as the framework names its weights (Keras &lt;layer&gt;.&lt;weight&gt;.npy, PyTorch &lt;state_dict key&gt;.npy)</source>
        <translation>一个 .npy 文件夹，文件按框架对权重的命名来命名（Keras 为 &lt;layer&gt;.&lt;weight&gt;.npy，PyTorch 为 &lt;state_dict key&gt;.npy）</translation>
    </message>
    <message>
        <source>Use the example&apos;s trained weights</source>
        <translation>使用示例的训练权重</translation>
    </message>
    <message>
        <source>The trained weights of the example “%1” fit every layer of this model</source>
        <translation>示例“%1”的训练权重与此模型的每一层都匹配</translation>
    </message>
    <message>
        <source>Computing the forward pass…</source>
        <translation>正在计算前向传播…</translation>
    </message>
    <message>
        <source>The forward pass failed: %1</source>
        <translation>前向传播失败：%1</translation>
    </message>
    <message>
        <source>‘%1’ is being computed…</source>
        <translation>正在计算 ‘%1’…</translation>
    </message>
    <message>
        <source>input: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>seeded initial weights</source>
        <translation>固定种子的初始权重</translation>
    </message>
    <message>
        <source>%1; &lt;span style=&apos;color:%3&apos;&gt;seeded initial weights for %2 (shape changed or new)&lt;/span&gt;</source>
        <translation>%1；&lt;span style=&apos;color:%3&apos;&gt;%2 使用固定种子的初始权重（形状改变或新层）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;updating…&lt;/i&gt;</source>
        <translation>&lt;i&gt;更新中…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:%2&apos;&gt;the last forward pass failed: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:%2&apos;&gt;上一次前向传播失败：%1&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>convlens::LiteralField</name>
    <message>
        <source>Python literal, e.g. (28, 28, 1)</source>
        <translation>Python 字面量，例如 (28, 28, 1)</translation>
    </message>
</context>
<context>
    <name>convlens::MainWindow</name>
    <message>
        <source>The move rewired a connection: %1 — Ctrl+Z undoes the move</source>
        <translation>这次移动改接了一个连接：%1 — 按 Ctrl+Z 撤销移动</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>结构图</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Step player</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件面板</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Apply the crop</source>
        <translation>应用裁剪</translation>
    </message>
    <message>
        <source>Insert the crop that makes the branches agree (one undo step)</source>
        <translation>插入使各分支尺寸一致的裁剪（一个撤销步骤）</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <source>Import &amp;Keras code…</source>
        <translation>导入 &amp;Keras 代码…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Import &amp;PyTorch code…</source>
        <translation>导入 &amp;PyTorch 代码…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Import code from &amp;file…</source>
        <translation>从文件导入代码(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export diagram as &amp;PNG…</source>
        <translation>将结构图导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export diagram as S&amp;VG…</source>
        <translation>将结构图导出为 S&amp;VG…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add layer below</source>
        <translation>在下方添加层(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete layer</source>
        <translation>删除层(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;uplicate layer</source>
        <translation>复制层(&amp;U)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Re&amp;name layer</source>
        <translation>重命名层(&amp;N)</translation>
    </message>
    <message>
        <source>Select &amp;all layers</source>
        <translation>选中所有层(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Keras / TensorFlow semantics</source>
        <translation>&amp;Keras / TensorFlow 语义</translation>
    </message>
    <message>
        <source>&amp;PyTorch semantics</source>
        <translation>&amp;PyTorch 语义</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>结构图(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Summary table</source>
        <translation>摘要表(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;All layers</source>
        <translation>所有层(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Feature maps</source>
        <translation>特征图(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;tep player</source>
        <translation>逐步演示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Log scale in the diagram</source>
        <translation>结构图使用对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit diagram</source>
        <translation>结构图适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About ConvLens</source>
        <translation>关于 ConvLens(&amp;A)</translation>
    </message>
    <message>
        <source>About ConvLens</source>
        <translation>关于 ConvLens</translation>
    </message>
    <message>
        <source>ConvLens %1 — CNN shape arithmetic, exactly as Keras and PyTorch compute it.</source>
        <translation>ConvLens %1 — 卷积神经网络的形状计算，与 Keras 和 PyTorch 的算法完全一致。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Total params: %1 (%2)    Trainable params: %3 (%4)    Non-trainable params: %5 (%6)</source>
        <translation>总参数：%1 (%2)    可训练参数：%3 (%4)    不可训练参数：%5 (%6)</translation>
    </message>
    <message>
        <source>Total params: %1    Trainable params: %2    Non-trainable params: %3    Total mult-adds (M): %4</source>
        <translation>总参数：%1    可训练参数：%2    不可训练参数：%3    总乘加次数 (M)：%4</translation>
    </message>
    <message>
        <source>    MACs: %1</source>
        <translation>    乘加次数：%1</translation>
    </message>
    <message>
        <source>    (totals up to the refused layer)</source>
        <translation>    （统计到被拒绝的层为止）</translation>
    </message>
    <message>
        <source>&lt;b&gt;✗ %1 (%2) is refused:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;✗ %1 (%2) 被拒绝：&lt;/b&gt;%3</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Fix:&lt;/b&gt; %1</source>
        <translation>&lt;br&gt;&lt;b&gt;修改建议：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;Layers below it have no shape until it resolves.</source>
        <translation>&lt;br&gt;在它被修正之前，下面的层都没有形状。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>%1 could not be opened:

%2

The current model is unchanged.</source>
        <translation>无法打开 %1：

%2

当前模型没有改变。</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1（导入）</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Opened %1 — %2</source>
        <translation>已打开 %1 — %2</translation>
    </message>
    <message>
        <source>Cannot open the example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>Example: %1</source>
        <translation>示例：%1</translation>
    </message>
    <message>
        <source>Imported Keras code</source>
        <translation>导入的 Keras 代码</translation>
    </message>
    <message>
        <source>Imported PyTorch code</source>
        <translation>导入的 PyTorch 代码</translation>
    </message>
    <message>
        <source>Import Keras code</source>
        <translation>导入 Keras 代码</translation>
    </message>
    <message>
        <source>Import PyTorch code</source>
        <translation>导入 PyTorch 代码</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n layer(s) — Edit ▸ Undo brings the previous model back</source>
        <translation>
            <numerusform>导入了 %n 个层 — 编辑 ▸ 撤销 可恢复之前的模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Could not save %1:

%2

The file on disk is unchanged.</source>
        <translation>无法保存 %1：

%2

磁盘上的文件没有改变。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save %1:

%2

Any previous file there is unchanged.</source>
        <translation>无法保存 %1：

%2

原有的文件没有改变。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot use the image</source>
        <translation>无法使用该图像</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>Forward pass: %1 (%2/%3)…</source>
        <translation>前向传播：%1 (%2/%3)…</translation>
    </message>
    <message>
        <source>Forward pass…</source>
        <translation>前向传播…</translation>
    </message>
    <message>
        <source>seeded initial weights</source>
        <translation>固定种子的初始权重</translation>
    </message>
    <message numerus="yes">
        <source>, %n layer(s) seeded</source>
        <translation>
            <numerusform>，%n 个层使用随机初始权重</numerusform>
        </translation>
    </message>
    <message>
        <source>Forward pass: %1 layer(s) in %2 ms · %3 · input: %4</source>
        <translation>前向传播：%1 个层，用时 %2 毫秒 · %3 · 输入：%4</translation>
    </message>
    <message>
        <source>Forward pass failed: %1</source>
        <translation>前向传播失败：%1</translation>
    </message>
    <message>
        <source>Running on the trained weights of “%1”</source>
        <translation>正在使用“%1”的训练权重</translation>
    </message>
    <message>
        <source>Weights from %1</source>
        <translation>权重来自 %1</translation>
    </message>
    <message>
        <source>Inserted %1 before %2 — Ctrl+Z takes it out again</source>
        <translation>已在 %2 之前插入 %1 — 按 Ctrl+Z 可以撤回</translation>
    </message>
    <message>
        <source>Cannot switch semantics</source>
        <translation>无法切换语义</translation>
    </message>
    <message>
        <source>Now in Keras semantics</source>
        <translation>现在使用 Keras 语义</translation>
    </message>
    <message>
        <source>Now in PyTorch semantics</source>
        <translation>现在使用 PyTorch 语义</translation>
    </message>
    <message>
        <source>Switched semantics</source>
        <translation>已切换语义</translation>
    </message>
    <message>
        <source>Every layer keeps its output shape. Worth knowing:

• %1</source>
        <translation>每一层都保持原有的输出形状。值得注意：

• %1</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Keras code…</source>
        <translation>&amp;Keras 代码…</translation>
    </message>
    <message>
        <source>&amp;PyTorch code…</source>
        <translation>&amp;PyTorch 代码…</translation>
    </message>
    <message>
        <source>The model cannot be written as Keras code:

%1</source>
        <translation>该模型无法写成 Keras 代码：

%1</translation>
    </message>
    <message>
        <source>The model cannot be written as PyTorch code:

%1</source>
        <translation>该模型无法写成 PyTorch 代码：

%1</translation>
    </message>
    <message>
        <source>Export Keras code</source>
        <translation>导出 Keras 代码</translation>
    </message>
    <message>
        <source>Export PyTorch code</source>
        <translation>导出 PyTorch 代码</translation>
    </message>
    <message>
        <source>Python code (*.py)</source>
        <translation>Python 代码 (*.py)</translation>
    </message>
    <message>
        <source>%1

Any previous file there is unchanged.</source>
        <translation>%1

原有的文件没有改变。</translation>
    </message>
    <message>
        <source>Exported %1 (%2)</source>
        <translation>已导出 %1（%2）</translation>
    </message>
    <message>
        <source>“%1” (autosaved %2)</source>
        <translation>“%1”（自动保存于 %2）</translation>
    </message>
    <message>
        <source>Restored the unsaved changes to %1</source>
        <translation>已恢复对 %1 的未保存更改</translation>
    </message>
    <message>
        <source>Weights not copied</source>
        <translation>权重未复制</translation>
    </message>
    <message>
        <source>The model is saved as %1, but its trained weights could not be copied beside it:

%2

Opened from there, it will run on initial weights.</source>
        <translation>模型已保存为 %1，但其训练好的权重无法复制到它旁边：

%2

从那里打开时，它将使用初始权重运行。</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot copy %1 to %2</source>
        <translation>无法将 %1 复制到 %2</translation>
    </message>
    <message>
        <source>&amp;ONNX model…</source>
        <translation>&amp;ONNX 模型…</translation>
    </message>
    <message>
        <source>The weights cannot be read:

%1</source>
        <translation>无法读取权重：

%1</translation>
    </message>
    <message>
        <source>The model cannot be written as an ONNX file:

%1</source>
        <translation>该模型无法写成 ONNX 文件：

%1</translation>
    </message>
    <message>
        <source>Export ONNX model</source>
        <translation>导出 ONNX 模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Opened %1 — its trained weights %2 are missing: running on seeded random weights</source>
        <translation>已打开 %1 — 其训练权重 %2 缺失：正在使用固定种子的随机权重运行</translation>
    </message>
    <message>
        <source>Weights not saved</source>
        <translation>权重未保存</translation>
    </message>
    <message>
        <source>The model is saved as %1, but the trained weights of %2 could not be written beside it:

%3

Opened from there, it will run on initial weights.</source>
        <translation>模型已保存为 %1，但 %2 中训练好的权重无法写到它旁边：

%3

从那里打开时，模型将使用初始权重运行。</translation>
    </message>
    <message>
        <source>Unfold the group %1 to duplicate its layers: Duplicate copies single layers, not a whole group.</source>
        <translation>请先展开分组 %1 再复制其中的层：“复制”只复制单个层，不复制整个分组。</translation>
    </message>
</context>
<context>
    <name>convlens::OverviewView</name>
    <message>
        <source>Every layer&apos;s output, left to right; click a column to select its layer.</source>
        <translation>每一层的输出，从左到右排列；点击一列选中对应的层。</translation>
    </message>
    <message>
        <source>%1 (%2) → %3</source>
        <translation>%1 (%2) → %3</translation>
    </message>
    <message>
        <source> · channel %1</source>
        <translation> · 通道 %1</translation>
    </message>
    <message>
        <source> — click to select</source>
        <translation> — 点击选中</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
</context>
<context>
    <name>convlens::PairField</name>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Linked (H = W): height and width change together</source>
        <translation>联动（H = W）：高和宽一起改变</translation>
    </message>
</context>
<context>
    <name>convlens::PaletteModel</name>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Resize and pad</source>
        <translation>缩放与填充</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Dense and reshape</source>
        <translation>全连接与变形</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Drag onto the layer stack, or double-click to insert below the selection.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;拖到层列表中，或双击插入到选中层的下方。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>convlens::ParamField</name>
    <message>
        <source>Back to the default (%1)</source>
        <translation>恢复默认值 (%1)</translation>
    </message>
</context>
<context>
    <name>convlens::Presentation</name>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with one large view, for a projector (F11; Esc leaves)</source>
        <translation>全屏显示一个大视图，适合投影仪（F11；Esc 退出）</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>Leave presentation</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>The layer shown</source>
        <translation>显示的层</translation>
    </message>
    <message>
        <source>Step player</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>结构图</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步 (Home)</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>后退一步 (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停 (空格)</translation>
    </message>
    <message>
        <source>Step forward (→)</source>
        <translation>前进一步 (→)</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步 (End)</translation>
    </message>
    <message>
        <source>Steps per second</source>
        <translation>每秒步数</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+-)</source>
        <translation>缩小文字 (Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger text (Ctrl+=)</source>
        <translation>放大文字 (Ctrl+=)</translation>
    </message>
    <message>
        <source>Leave (Esc)</source>
        <translation>退出 (Esc)</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
</context>
<context>
    <name>convlens::PropertiesEditor</name>
    <message>
        <source>&lt;i&gt;Select a layer to edit its parameters.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选中一个层以编辑它的参数。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Which layer feeds input %1</source>
        <translation>哪个层作为输入 %1</translation>
    </message>
    <message>
        <source>+ input</source>
        <translation>+ 输入</translation>
    </message>
    <message>
        <source>− input</source>
        <translation>− 输入</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Fix:&lt;/b&gt; %1</source>
        <translation>&lt;br&gt;&lt;b&gt;修改建议：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;i&gt;No shape: a layer above this one is refused.&lt;/i&gt;</source>
        <translation>&lt;i&gt;没有形状：它上面有一层被拒绝。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>top %1, bottom %2, left %3, right %4</source>
        <translation>上 %1，下 %2，左 %3，右 %4</translation>
    </message>
    <message>
        <source>params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>%1 (%2 trainable)</source>
        <translation>%1（可训练 %2）</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>receptive field</source>
        <translation>感受野</translation>
    </message>
</context>
<context>
    <name>convlens::QuizDialog</name>
    <message>
        <source>padding per side</source>
        <translation>各边的填充</translation>
    </message>
    <message>
        <source>output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Predict the shape</source>
        <translation>预测形状</translation>
    </message>
    <message>
        <source>Questions on this model</source>
        <translation>本模型的题目</translation>
    </message>
    <message>
        <source>Random quiz</source>
        <translation>随机测验</translation>
    </message>
    <message>
        <source>A small model with odd sizes, stride 2 and &apos;same&apos;, in Keras and PyTorch side by side</source>
        <translation>一个小模型，包含奇数尺寸、步长 2 和 &apos;same&apos;，Keras 与 PyTorch 并排对照</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>The same seed gives the same quiz</source>
        <translation>相同的种子生成相同的测验</translation>
    </message>
    <message>
        <source>Hide the answers in the window</source>
        <translation>在主窗口中隐藏答案</translation>
    </message>
    <message>
        <source>The summary table and the layer list show “?” for the layers asked about</source>
        <translation>摘要表和层列表中，被提问的层显示为“?”</translation>
    </message>
    <message>
        <source>Ask about:</source>
        <translation>提问：</translation>
    </message>
    <message>
        <source>Keras / TensorFlow</source>
        <translation>Keras / TensorFlow</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>Open in the window</source>
        <translation>在主窗口中打开</translation>
    </message>
    <message>
        <source>Make this model the document, with its questions (File ▸ Save keeps the quiz)</source>
        <translation>把这个模型连同题目设为当前文档（文件 ▸ 保存 会保留测验）</translation>
    </message>
    <message>
        <source>Random quiz %1 (%2)</source>
        <translation>随机测验 %1（%2）</translation>
    </message>
    <message>
        <source>Open the random quiz</source>
        <translation>打开随机测验</translation>
    </message>
</context>
<context>
    <name>convlens::QuizPanel</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Your prediction</source>
        <translation>你的预测</translation>
    </message>
    <message>
        <source>top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>No questions yet: tick the layers to ask about.</source>
        <translation>还没有题目：勾选要提问的层。</translation>
    </message>
    <message>
        <source>Fill in every field first.</source>
        <translation>请先填写所有空格。</translation>
    </message>
    <message>
        <source>top %1, bottom %2, left %3, right %4</source>
        <translation>上 %1，下 %2，左 %3，右 %4</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 (H × W × C)</source>
        <translation>%1 × %2 × %3 (H × W × C)</translation>
    </message>
    <message>
        <source>Right:</source>
        <translation>正确：</translation>
    </message>
    <message>
        <source>Not quite. It is</source>
        <translation>不对。答案是</translation>
    </message>
    <message>
        <source>Missed:</source>
        <translation>漏掉了：</translation>
    </message>
</context>
<context>
    <name>convlens::ResultView</name>
    <message>
        <source>reconstruction: the model&apos;s output beside its input</source>
        <translation>重建：模型的输出与输入并排显示</translation>
    </message>
    <message>
        <source>prediction undefined: the output holds NaN or ∞</source>
        <translation>无法预测：输出中含有 NaN 或 ∞</translation>
    </message>
    <message>
        <source>predicted %1 (%2 %)</source>
        <translation>预测为 %1（%2 %）</translation>
    </message>
    <message>
        <source> — softmax of the outputs</source>
        <translation> — 输出的 softmax</translation>
    </message>
    <message>
        <source>output (reconstruction)</source>
        <translation>输出（重建）</translation>
    </message>
    <message>
        <source>prediction undefined:
the output holds NaN or ∞</source>
        <translation>无法预测：
输出中含有 NaN 或 ∞</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>预测为 %1</translation>
    </message>
    <message>
        <source>softmax of the outputs</source>
        <translation>输出的 softmax</translation>
    </message>
</context>
<context>
    <name>convlens::SolverDialog</name>
    <message>
        <source>Shape solver</source>
        <translation>形状求解器</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>(one spatial axis, square windows)</source>
        <translation>（单个空间维度，正方形窗口）</translation>
    </message>
    <message>
        <source>kernel ≤</source>
        <translation>卷积核 ≤</translation>
    </message>
    <message>
        <source>stride ≤</source>
        <translation>步长 ≤</translation>
    </message>
    <message>
        <source>dilation ≤</source>
        <translation>膨胀 ≤</translation>
    </message>
    <message>
        <source>padding ≤</source>
        <translation>填充 ≤</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <source>transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <source>Inserts below ‘%1’, whose output is %2.</source>
        <translation>插入到 ‘%1’ 下方，它的输出为 %2。</translation>
    </message>
    <message>
        <source>Inserts below ‘%1’.</source>
        <translation>插入到 ‘%1’ 下方。</translation>
    </message>
    <message>
        <source>Keras/TensorFlow</source>
        <translation>Keras/TensorFlow</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>Layers that take %1 to %2 in %3: %4.</source>
        <translation>在 %3 中把 %1 变为 %2 的层：%4。</translation>
    </message>
    <message>
        <source>Insert %1</source>
        <translation>插入 %1</translation>
    </message>
</context>
<context>
    <name>convlens::SolverModel</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>In PyTorch</source>
        <translation>PyTorch 中</translation>
    </message>
    <message>
        <source>In Keras</source>
        <translation>Keras 中</translation>
    </message>
</context>
<context>
    <name>convlens::StackDelegate</name>
    <message>
        <source>↳ from %1</source>
        <translation>↳ 来自 %1</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>1 层</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 层</translation>
    </message>
</context>
<context>
    <name>convlens::StepPlayerView</name>
    <message>
        <source>Select a Conv2D, pooling or transposed-convolution layer to replay it step by step.</source>
        <translation>选中一个 Conv2D、池化或转置卷积层，逐步重放它的计算。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>The output channel replayed</source>
        <translation>重放的输出通道</translation>
    </message>
    <message>
        <source>input ch.</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>The input channel whose cells and weights are drawn</source>
        <translation>显示其单元和权重的输入通道</translation>
    </message>
    <message>
        <source>Which input channel&apos;s cells and weights are drawn; the output sums all of them</source>
        <translation>显示哪个输入通道的单元和权重；输出是所有通道之和</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步 (Home)</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>后退一步 (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停 (空格)</translation>
    </message>
    <message>
        <source>Step forward (→)</source>
        <translation>前进一步 (→)</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步 (End)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Steps per second</source>
        <translation>每秒步数</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit both grids in the view (F); wheel zooms, drag pans</source>
        <translation>让两个网格都适应视图 (F)；滚轮缩放，拖动平移</translation>
    </message>
    <message>
        <source>Scrub through the steps</source>
        <translation>拖动浏览各步</translation>
    </message>
    <message>
        <source>&lt;b&gt;The step player does not apply here.&lt;/b&gt;&lt;br&gt;&lt;br&gt;%1.&lt;br&gt;&lt;br&gt;It replays layers that slide a window over their input: Conv2D, DepthwiseConv2D, SeparableConv2D, max and average pooling, and transposed convolutions (as a scatter). The Feature maps tab shows this layer&apos;s output.</source>
        <translation>&lt;b&gt;逐步演示不适用于这一层。&lt;/b&gt;&lt;br&gt;&lt;br&gt;%1。&lt;br&gt;&lt;br&gt;它重放的是在输入上滑动窗口的层：Conv2D、DepthwiseConv2D、SeparableConv2D、最大池化和平均池化，以及转置卷积（以散布的方式）。“特征图”页显示这一层的输出。</translation>
    </message>
    <message>
        <source>The input of ‘%1’ has not been computed.</source>
        <translation>‘%1’ 的输入还没有计算出来。</translation>
    </message>
    <message>
        <source>Cannot replay ‘%1’: %2</source>
        <translation>无法重放 ‘%1’：%2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>step %1 / %2 · %3 (%4, %5)</source>
        <translation>第 %1 / %2 步 · %3 (%4, %5)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>convlens::SummaryDelegate</name>
    <message>
        <source>1 layer</source>
        <translation>1 层</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 层</translation>
    </message>
</context>
<context>
    <name>convlens::TorchPaddingField</name>
    <message>
        <source>explicit</source>
        <translation>显式</translation>
    </message>
    <message>
        <source>rows added at the top and at the bottom</source>
        <translation>在上方和下方各添加的行数</translation>
    </message>
    <message>
        <source>columns added at the left and at the right</source>
        <translation>在左侧和右侧各添加的列数</translation>
    </message>
</context>
<context>
    <name>convlens::catalogue</name>
    <message>
        <source>the model input</source>
        <translation>模型的输入</translation>
    </message>
    <message>
        <source>2-D convolution</source>
        <translation>二维卷积</translation>
    </message>
    <message>
        <source>one kernel per input channel</source>
        <translation>每个输入通道一个卷积核</translation>
    </message>
    <message>
        <source>depthwise convolution followed by a 1×1 convolution</source>
        <translation>深度卷积后接一个 1×1 卷积</translation>
    </message>
    <message>
        <source>transposed (fractionally strided) convolution</source>
        <translation>转置卷积（分数步长卷积）</translation>
    </message>
    <message>
        <source>maximum over each window</source>
        <translation>取每个窗口的最大值</translation>
    </message>
    <message>
        <source>mean over each window (padding not counted)</source>
        <translation>取每个窗口的平均值（填充不计入）</translation>
    </message>
    <message>
        <source>one value per channel</source>
        <translation>每个通道一个值</translation>
    </message>
    <message>
        <source>repeat rows and columns</source>
        <translation>重复行和列</translation>
    </message>
    <message>
        <source>resize to height × width (tf.image.resize)</source>
        <translation>缩放到 高 × 宽（tf.image.resize）</translation>
    </message>
    <message>
        <source>add rows and columns of zeros</source>
        <translation>添加全零的行和列</translation>
    </message>
    <message>
        <source>add a border that mirrors the input (without the edge)</source>
        <translation>添加镜像输入的边框（不含边缘本身）</translation>
    </message>
    <message>
        <source>remove rows and columns at the edges</source>
        <translation>去掉边缘的行和列</translation>
    </message>
    <message>
        <source>keep the central height × width window</source>
        <translation>保留中央 高 × 宽 的窗口</translation>
    </message>
    <message>
        <source>normalise each channel (inference: moving statistics)</source>
        <translation>对每个通道归一化（推理时用滑动统计量）</translation>
    </message>
    <message>
        <source>identity at inference</source>
        <translation>推理时为恒等映射</translation>
    </message>
    <message>
        <source>identity at inference (random flips while training)</source>
        <translation>推理时为恒等映射（训练时随机翻转）</translation>
    </message>
    <message>
        <source>identity at inference (random rotations while training)</source>
        <translation>推理时为恒等映射（训练时随机旋转）</translation>
    </message>
    <message>
        <source>identity at inference (random zooms while training)</source>
        <translation>推理时为恒等映射（训练时随机缩放）</translation>
    </message>
    <message>
        <source>identity at inference (random shifts while training)</source>
        <translation>推理时为恒等映射（训练时随机平移）</translation>
    </message>
    <message>
        <source>identity at inference (random contrast while training)</source>
        <translation>推理时为恒等映射（训练时随机对比度）</translation>
    </message>
    <message>
        <source>identity at inference (random brightness while training)</source>
        <translation>推理时为恒等映射（训练时随机亮度）</translation>
    </message>
    <message>
        <source>element-wise function</source>
        <translation>逐元素函数</translation>
    </message>
    <message>
        <source>max(x, 0)</source>
        <translation>max(x, 0)</translation>
    </message>
    <message>
        <source>exp(x) / Σ exp(x) along axis</source>
        <translation>沿轴计算 exp(x) / Σ exp(x)</translation>
    </message>
    <message>
        <source>x for x ≥ 0, alpha·x otherwise</source>
        <translation>x ≥ 0 时为 x，否则为 alpha·x</translation>
    </message>
    <message>
        <source>flatten to one axis (H, W, C order)</source>
        <translation>展平为一个轴（按 H, W, C 顺序）</translation>
    </message>
    <message>
        <source>fully connected, on the last axis</source>
        <translation>全连接，作用于最后一个轴</translation>
    </message>
    <message>
        <source>same values, new shape</source>
        <translation>数值不变，形状改变</translation>
    </message>
    <message>
        <source>join tensors along an axis</source>
        <translation>沿一个轴拼接张量</translation>
    </message>
    <message>
        <source>element-wise sum</source>
        <translation>逐元素相加</translation>
    </message>
    <message>
        <source>the model input (torch code declares none: --input-shape)</source>
        <translation>模型的输入（torch 代码不声明输入形状：--input-shape）</translation>
    </message>
    <message>
        <source>transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>mean over each window</source>
        <translation>取每个窗口的平均值</translation>
    </message>
    <message>
        <source>average pooling to a fixed output size</source>
        <translation>平均池化到固定的输出尺寸</translation>
    </message>
    <message>
        <source>max pooling to a fixed output size</source>
        <translation>最大池化到固定的输出尺寸</translation>
    </message>
    <message>
        <source>resize by interpolation</source>
        <translation>通过插值缩放</translation>
    </message>
    <message>
        <source>nearest-neighbour upsampling (Upsample with mode=&apos;nearest&apos;)</source>
        <translation>最近邻上采样（mode=&apos;nearest&apos; 的 Upsample）</translation>
    </message>
    <message>
        <source>bilinear upsampling with align_corners=True</source>
        <translation>align_corners=True 的双线性上采样</translation>
    </message>
    <message>
        <source>add zeros at the edges</source>
        <translation>在边缘补零</translation>
    </message>
    <message>
        <source>mirror the map at its edges (without repeating the edge)</source>
        <translation>在边缘镜像特征图（不重复边缘本身）</translation>
    </message>
    <message>
        <source>repeat the edge cells outwards</source>
        <translation>向外重复边缘的格子</translation>
    </message>
    <message>
        <source>add cells of one value at the edges</source>
        <translation>在边缘添加同一个值的格子</translation>
    </message>
    <message>
        <source>normalise each channel (eval mode: running statistics)</source>
        <translation>对每个通道归一化（eval 模式用运行统计量）</translation>
    </message>
    <message>
        <source>normalise each feature (eval mode: running statistics)</source>
        <translation>对每个特征归一化（eval 模式用运行统计量）</translation>
    </message>
    <message>
        <source>identity in eval mode</source>
        <translation>eval 模式下为恒等映射</translation>
    </message>
    <message>
        <source>min(max(x, 0), 6)</source>
        <translation>min(max(x, 0), 6)</translation>
    </message>
    <message>
        <source>x for x ≥ 0, slope·x otherwise</source>
        <translation>x ≥ 0 时为 x，否则为 slope·x</translation>
    </message>
    <message>
        <source>1 / (1 + e^−x)</source>
        <translation>1 / (1 + e^−x)</translation>
    </message>
    <message>
        <source>x for x &gt; 0, α·(e^x − 1) otherwise</source>
        <translation>x &gt; 0 时为 x，否则为 α·(e^x − 1)</translation>
    </message>
    <message>
        <source>max(0, x) + min(0, α·(e^(x/α) − 1))</source>
        <translation>max(0, x) + min(0, α·(e^(x/α) − 1))</translation>
    </message>
    <message>
        <source>scaled ELU with the published constants</source>
        <translation>使用论文常数的缩放 ELU</translation>
    </message>
    <message>
        <source>x·Φ(x), Φ the normal distribution function</source>
        <translation>x·Φ(x)，Φ 为正态分布函数</translation>
    </message>
    <message>
        <source>x·sigmoid(x) (swish)</source>
        <translation>x·sigmoid(x)（swish）</translation>
    </message>
    <message>
        <source>x·tanh(softplus(x))</source>
        <translation>x·tanh(softplus(x))</translation>
    </message>
    <message>
        <source>x·relu6(x + 3) / 6</source>
        <translation>x·relu6(x + 3) / 6</translation>
    </message>
    <message>
        <source>relu6(x + 3) / 6</source>
        <translation>relu6(x + 3) / 6</translation>
    </message>
    <message>
        <source>x clipped to [min_val, max_val]</source>
        <translation>把 x 截断到 [min_val, max_val]</translation>
    </message>
    <message>
        <source>log(1 + e^(βx)) / β</source>
        <translation>log(1 + e^(βx)) / β</translation>
    </message>
    <message>
        <source>x / (1 + |x|)</source>
        <translation>x / (1 + |x|)</translation>
    </message>
    <message>
        <source>x − tanh(x)</source>
        <translation>x − tanh(x)</translation>
    </message>
    <message>
        <source>log(1 / (1 + e^−x))</source>
        <translation>log(1 / (1 + e^−x))</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>softmax along an axis</source>
        <translation>沿一个轴做 softmax</translation>
    </message>
    <message>
        <source>log(softmax) along an axis</source>
        <translation>沿一个轴做 log(softmax)</translation>
    </message>
    <message>
        <source>passes its input through</source>
        <translation>原样输出输入</translation>
    </message>
    <message>
        <source>flatten axes (C, H, W order)</source>
        <translation>展平若干轴（按 C, H, W 顺序）</translation>
    </message>
    <message>
        <source>split one axis into several</source>
        <translation>把一个轴拆成几个</translation>
    </message>
    <message>
        <source>x.view(…) / x.reshape(…) / squeeze / unsqueeze in forward(): same values, new shape</source>
        <translation>forward() 中的 x.view(…) / x.reshape(…) / squeeze / unsqueeze：数值不变，形状改变</translation>
    </message>
    <message>
        <source>torch.cat in forward(): join tensors</source>
        <translation>forward() 中的 torch.cat：拼接张量</translation>
    </message>
    <message>
        <source>a + b in forward(): element-wise sum</source>
        <translation>forward() 中的 a + b：逐元素相加</translation>
    </message>
    <message>
        <source>x + a number in forward()</source>
        <translation>forward() 中的 x + 一个数</translation>
    </message>
    <message>
        <source>−x in forward()</source>
        <translation>forward() 中的 −x</translation>
    </message>
    <message>
        <source>x.permute(…) / x.transpose(a, b) in forward(): the axes in a new order</source>
        <translation>forward() 中的 x.permute(…) / x.transpose(a, b)：按新顺序排列各轴</translation>
    </message>
    <message>
        <source>x[:, a:b:s] in forward(): a range of one axis</source>
        <translation>forward() 中的 x[:, a:b:s]：一个轴上的一段范围</translation>
    </message>
    <message>
        <source>channels to space (sub-pixel convolution)</source>
        <translation>通道转空间（亚像素卷积）</translation>
    </message>
    <message>
        <source>space to channels</source>
        <translation>空间转通道</translation>
    </message>
    <message>
        <source>normalise each group of channels of each sample</source>
        <translation>对每个样本的每组通道归一化</translation>
    </message>
    <message>
        <source>normalise each channel of each sample</source>
        <translation>对每个样本的每个通道归一化</translation>
    </message>
    <message>
        <source>activation applied to the output (None = linear)</source>
        <translation>作用于输出的激活函数（None = 线性）</translation>
    </message>
    <message>
        <source>only channels_last (the default) is supported</source>
        <translation>只支持 channels_last（默认值）</translation>
    </message>
    <message>
        <source>input shape without the batch dimension, e.g. (28, 28, 1)</source>
        <translation>不含批次维的输入形状，例如 (28, 28, 1)</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>layer name</source>
        <translation>层名</translation>
    </message>
    <message>
        <source>alias of shape</source>
        <translation>shape 的别名</translation>
    </message>
    <message>
        <source>shape with the batch dimension first</source>
        <translation>批次维在前的形状</translation>
    </message>
    <message>
        <source>number of output channels</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>kernel height and width</source>
        <translation>卷积核的高和宽</translation>
    </message>
    <message>
        <source>step of the window</source>
        <translation>窗口的步长</translation>
    </message>
    <message>
        <source>&apos;valid&apos;: no padding; &apos;same&apos;: pad so that out = ⌈in / stride⌉</source>
        <translation>&apos;valid&apos;：不填充；&apos;same&apos;：填充使 out = ⌈in / stride⌉</translation>
    </message>
    <message>
        <source>spacing of kernel taps</source>
        <translation>卷积核采样点的间距（膨胀率）</translation>
    </message>
    <message>
        <source>channel groups (input and filters divisible by it)</source>
        <translation>通道分组数（输入通道数和 filters 都须能被它整除）</translation>
    </message>
    <message>
        <source>add a bias per filter</source>
        <translation>每个卷积核加一个偏置</translation>
    </message>
    <message>
        <source>&apos;valid&apos; or &apos;same&apos;</source>
        <translation>&apos;valid&apos; 或 &apos;same&apos;</translation>
    </message>
    <message>
        <source>output channels per input channel</source>
        <translation>每个输入通道的输出通道数</translation>
    </message>
    <message>
        <source>add a bias per output channel</source>
        <translation>每个输出通道加一个偏置</translation>
    </message>
    <message>
        <source>depthwise kernel height and width</source>
        <translation>深度卷积核的高和宽</translation>
    </message>
    <message>
        <source>depthwise channels per input channel</source>
        <translation>每个输入通道的深度卷积通道数</translation>
    </message>
    <message>
        <source>upsampling step</source>
        <translation>上采样步长</translation>
    </message>
    <message>
        <source>extra rows/columns at the end (&lt; stride)</source>
        <translation>末尾额外的行/列（&lt; 步长）</translation>
    </message>
    <message>
        <source>window height and width</source>
        <translation>窗口的高和宽</translation>
    </message>
    <message>
        <source>step of the window; None = pool_size</source>
        <translation>窗口的步长；None = pool_size</translation>
    </message>
    <message>
        <source>keep H and W as size 1</source>
        <translation>把 H 和 W 保留为 1</translation>
    </message>
    <message>
        <source>upsampling factors for rows and columns</source>
        <translation>行和列的上采样倍数</translation>
    </message>
    <message>
        <source>how new cells are filled</source>
        <translation>新格子的填充方式</translation>
    </message>
    <message>
        <source>output rows</source>
        <translation>输出行数</translation>
    </message>
    <message>
        <source>output columns</source>
        <translation>输出列数</translation>
    </message>
    <message>
        <source>how cells are sampled (half-pixel centres)</source>
        <translation>采样方式（半像素中心）</translation>
    </message>
    <message>
        <source>crop to the target&apos;s aspect ratio first</source>
        <translation>先裁剪到目标宽高比</translation>
    </message>
    <message>
        <source>int, (rows, cols) or ((top, bottom), (left, right))</source>
        <translation>整数、(rows, cols) 或 ((top, bottom), (left, right))</translation>
    </message>
    <message>
        <source>rows kept, centred</source>
        <translation>保留的行数，居中</translation>
    </message>
    <message>
        <source>columns kept, centred</source>
        <translation>保留的列数，居中</translation>
    </message>
    <message>
        <source>the channel axis</source>
        <translation>通道轴</translation>
    </message>
    <message>
        <source>ignored here</source>
        <translation>此处忽略</translation>
    </message>
    <message>
        <source>added to the variance</source>
        <translation>加到方差上的值</translation>
    </message>
    <message>
        <source>learn an offset beta</source>
        <translation>学习偏移 beta</translation>
    </message>
    <message>
        <source>learn a factor gamma</source>
        <translation>学习缩放因子 gamma</translation>
    </message>
    <message>
        <source>fraction dropped while training (identity at inference)</source>
        <translation>训练时丢弃的比例（推理时为恒等映射）</translation>
    </message>
    <message>
        <source>noise added while training</source>
        <translation>训练时加入的噪声</translation>
    </message>
    <message>
        <source>which flips are drawn while training</source>
        <translation>训练时进行哪些翻转</translation>
    </message>
    <message>
        <source>how new pixels are filled while training</source>
        <translation>训练时新像素的填充方式</translation>
    </message>
    <message>
        <source>resampling while training</source>
        <translation>训练时的重采样</translation>
    </message>
    <message>
        <source>value for fill_mode=&apos;constant&apos;</source>
        <translation>fill_mode=&apos;constant&apos; 时的值</translation>
    </message>
    <message>
        <source>fraction of a full turn, or a (low, high) pair</source>
        <translation>整圈的比例，或 (low, high) 对</translation>
    </message>
    <message>
        <source>zoom range of the height</source>
        <translation>高度的缩放范围</translation>
    </message>
    <message>
        <source>zoom range of the width (None: as the height)</source>
        <translation>宽度的缩放范围（None：与高度相同）</translation>
    </message>
    <message>
        <source>vertical shift range</source>
        <translation>垂直平移范围</translation>
    </message>
    <message>
        <source>horizontal shift range</source>
        <translation>水平平移范围</translation>
    </message>
    <message>
        <source>contrast range</source>
        <translation>对比度范围</translation>
    </message>
    <message>
        <source>brightness range</source>
        <translation>亮度范围</translation>
    </message>
    <message>
        <source>range of the input values</source>
        <translation>输入值的范围</translation>
    </message>
    <message>
        <source>upper bound (6 gives ReLU6)</source>
        <translation>上界（6 即 ReLU6）</translation>
    </message>
    <message>
        <source>slope below the threshold</source>
        <translation>阈值以下的斜率</translation>
    </message>
    <message>
        <source>must be 0 here</source>
        <translation>此处必须为 0</translation>
    </message>
    <message>
        <source>the axis the values sum to 1 along</source>
        <translation>沿其各值之和为 1 的轴</translation>
    </message>
    <message>
        <source>slope for x &lt; 0</source>
        <translation>x &lt; 0 时的斜率</translation>
    </message>
    <message>
        <source>number of outputs</source>
        <translation>输出个数</translation>
    </message>
    <message>
        <source>add a bias per unit</source>
        <translation>每个单元加一个偏置</translation>
    </message>
    <message>
        <source>new shape without the batch dimension; one -1 is inferred</source>
        <translation>不含批次维的新形状；可有一个 -1 由推断得出</translation>
    </message>
    <message>
        <source>axis to join along (-1 = channels)</source>
        <translation>拼接所沿的轴（-1 = 通道）</translation>
    </message>
    <message>
        <source>the factor (1/255 maps bytes to [0, 1])</source>
        <translation>缩放因子（1/255 把字节值映射到 [0, 1]）</translation>
    </message>
    <message>
        <source>added after scaling</source>
        <translation>缩放后加上的值</translation>
    </message>
    <message>
        <source>x · scale + offset</source>
        <translation>x · scale + offset</translation>
    </message>
    <message>
        <source>the axis with its own mean and variance (-1 = channels)</source>
        <translation>各自有均值和方差的轴（-1 = 通道）</translation>
    </message>
    <message>
        <source>must be False here (True undoes the normalisation)</source>
        <translation>此处必须为 False（True 会撤销归一化）</translation>
    </message>
    <message>
        <source>(x − mean) / √variance per channel</source>
        <translation>每个通道 (x − mean) / √variance</translation>
    </message>
    <message>
        <source>the axes reduced (batch = 0)</source>
        <translation>被归约的轴（批次 = 0）</translation>
    </message>
    <message>
        <source>the smallest Σ x² divided by (no division by zero)</source>
        <translation>除数 Σ x² 的下限（避免除以零）</translation>
    </message>
    <message>
        <source>keep the reduced axes as size 1</source>
        <translation>把归约的轴保留为 1</translation>
    </message>
    <message>
        <source>the number on the other side when there is one input (None with two)</source>
        <translation>只有一个输入时另一侧的数（两个输入时为 None）</translation>
    </message>
    <message>
        <source>the number is the left operand (number / x)</source>
        <translation>数作为左操作数（number / x）</translation>
    </message>
    <message>
        <source>x / number or a / b in a Lambda: element-wise</source>
        <translation>Lambda 中的 x / number 或 a / b：逐元素</translation>
    </message>
    <message>
        <source>r: C·r² channels become C channels r× larger</source>
        <translation>r：C·r² 个通道变为 C 个放大 r 倍的通道</translation>
    </message>
    <message>
        <source>tf.nn.depth_to_space in a Lambda: channels to space (DCR order)</source>
        <translation>Lambda 中的 tf.nn.depth_to_space：通道转空间（DCR 顺序）</translation>
    </message>
    <message>
        <source>input shape without the batch dimension: (C, H, W)</source>
        <translation>不含批次维的输入形状：(C, H, W)</translation>
    </message>
    <message>
        <source>input channels (must match the input)</source>
        <translation>输入通道数（须与输入一致）</translation>
    </message>
    <message>
        <source>output channels</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>int, (h, w), &apos;valid&apos; or &apos;same&apos; (stride 1 only)</source>
        <translation>整数、(h, w)、&apos;valid&apos; 或 &apos;same&apos;（仅限步长 1）</translation>
    </message>
    <message>
        <source>channel groups</source>
        <translation>通道分组数</translation>
    </message>
    <message>
        <source>add a bias</source>
        <translation>加偏置</translation>
    </message>
    <message>
        <source>only &apos;zeros&apos; is supported</source>
        <translation>只支持 &apos;zeros&apos;</translation>
    </message>
    <message>
        <source>rows/columns removed from each side</source>
        <translation>每边去掉的行/列数</translation>
    </message>
    <message>
        <source>extra rows/columns at the end</source>
        <translation>末尾额外的行/列</translation>
    </message>
    <message>
        <source>step; None = kernel_size</source>
        <translation>步长；None = kernel_size</translation>
    </message>
    <message>
        <source>implicit −∞ padding on each side (≤ kernel/2)</source>
        <translation>每边隐式填充 −∞（≤ kernel/2）</translation>
    </message>
    <message>
        <source>spacing of window taps</source>
        <translation>窗口采样点的间距</translation>
    </message>
    <message>
        <source>must be False here</source>
        <translation>此处必须为 False</translation>
    </message>
    <message>
        <source>round the output size up</source>
        <translation>输出尺寸向上取整</translation>
    </message>
    <message>
        <source>implicit zero padding on each side (≤ kernel/2)</source>
        <translation>每边隐式补零（≤ kernel/2）</translation>
    </message>
    <message>
        <source>count padded zeros in the divisor</source>
        <translation>把填充的零计入除数</translation>
    </message>
    <message>
        <source>fixed divisor</source>
        <translation>固定的除数</translation>
    </message>
    <message>
        <source>output (h, w); None keeps that size</source>
        <translation>输出 (h, w)；None 表示保持该尺寸</translation>
    </message>
    <message>
        <source>output (h, w)</source>
        <translation>输出 (h, w)</translation>
    </message>
    <message>
        <source>multiplier for h and w</source>
        <translation>h 和 w 的倍数</translation>
    </message>
    <message>
        <source>interpolation</source>
        <translation>插值方式</translation>
    </message>
    <message>
        <source>bilinear only: align corner pixels</source>
        <translation>仅双线性：对齐角点像素</translation>
    </message>
    <message>
        <source>int or (left, right, top, bottom)</source>
        <translation>整数或 (left, right, top, bottom)</translation>
    </message>
    <message>
        <source>int or (left, right, top, bottom), each less than the input size</source>
        <translation>整数或 (left, right, top, bottom)，每个都小于输入尺寸</translation>
    </message>
    <message>
        <source>the value of the border cells</source>
        <translation>边框格子的值</translation>
    </message>
    <message>
        <source>channels (must match the input)</source>
        <translation>通道数（须与输入一致）</translation>
    </message>
    <message>
        <source>learn weight and bias</source>
        <translation>学习 weight 和 bias</translation>
    </message>
    <message>
        <source>must be True here</source>
        <translation>此处必须为 True</translation>
    </message>
    <message>
        <source>features C of an (N, C) or (N, C, L) input</source>
        <translation>(N, C) 或 (N, C, L) 输入的特征数 C</translation>
    </message>
    <message>
        <source>drop probability while training</source>
        <translation>训练时的丢弃概率</translation>
    </message>
    <message>
        <source>α in α·(e^x − 1) for x ≤ 0</source>
        <translation>x ≤ 0 时 α·(e^x − 1) 中的 α</translation>
    </message>
    <message>
        <source>α in α·(e^(x/α) − 1)</source>
        <translation>α·(e^(x/α) − 1) 中的 α</translation>
    </message>
    <message>
        <source>&apos;none&apos; (erf) or &apos;tanh&apos;</source>
        <translation>&apos;none&apos;（erf）或 &apos;tanh&apos;</translation>
    </message>
    <message>
        <source>lower bound</source>
        <translation>下界</translation>
    </message>
    <message>
        <source>upper bound</source>
        <translation>上界</translation>
    </message>
    <message>
        <source>β in log(1 + e^(βx)) / β</source>
        <translation>log(1 + e^(βx)) / β 中的 β</translation>
    </message>
    <message>
        <source>x itself where βx &gt; threshold</source>
        <translation>βx &gt; threshold 处直接取 x</translation>
    </message>
    <message>
        <source>axis (counting the batch axis as 0)</source>
        <translation>轴（批次轴记为 0）</translation>
    </message>
    <message>
        <source>first axis flattened (batch = 0)</source>
        <translation>展平的第一个轴（批次 = 0）</translation>
    </message>
    <message>
        <source>last axis flattened</source>
        <translation>展平的最后一个轴</translation>
    </message>
    <message>
        <source>size of the last axis of the input</source>
        <translation>输入最后一个轴的大小</translation>
    </message>
    <message>
        <source>axis to unflatten (batch = 0)</source>
        <translation>要拆开的轴（批次 = 0）</translation>
    </message>
    <message>
        <source>the sizes it becomes</source>
        <translation>拆成的各个尺寸</translation>
    </message>
    <message>
        <source>the new shape without the batch; one -1 is inferred</source>
        <translation>不含批次的新形状；可有一个 -1 由推断得出</translation>
    </message>
    <message>
        <source>axis to join along (batch = 0; 1 = channels)</source>
        <translation>拼接所沿的轴（批次 = 0；1 = 通道）</translation>
    </message>
    <message>
        <source>the number is the left operand</source>
        <translation>数作为左操作数</translation>
    </message>
    <message>
        <source>the number added</source>
        <translation>加上的数</translation>
    </message>
    <message>
        <source>x.abs() / torch.abs(x) in forward(): |x|</source>
        <translation>forward() 中的 x.abs() / torch.abs(x)：|x|</translation>
    </message>
    <message>
        <source>torch.maximum(a, b) / torch.max(a, b) in forward(): element-wise, with broadcasting</source>
        <translation>forward() 中的 torch.maximum(a, b) / torch.max(a, b)：逐元素，支持广播</translation>
    </message>
    <message>
        <source>torch.minimum(a, b) / torch.min(a, b) in forward(): element-wise, with broadcasting</source>
        <translation>forward() 中的 torch.minimum(a, b) / torch.min(a, b)：逐元素，支持广播</translation>
    </message>
    <message>
        <source>the exponent when there is one input (None with two)</source>
        <translation>只有一个输入时的指数（两个输入时为 None）</translation>
    </message>
    <message>
        <source>the number is the base: number ** x</source>
        <translation>数作为底数：number ** x</translation>
    </message>
    <message>
        <source>x.pow(2) / x ** 2 in forward(): element-wise power</source>
        <translation>forward() 中的 x.pow(2) / x ** 2：逐元素乘方</translation>
    </message>
    <message>
        <source>the axis searched (batch = 0)</source>
        <translation>被搜索的轴（批次 = 0）</translation>
    </message>
    <message>
        <source>keep the searched axis as size 1</source>
        <translation>把搜索的轴保留为 1</translation>
    </message>
    <message>
        <source>the new order of the axes, the batch first (0)</source>
        <translation>各轴的新顺序，批次轴 (0) 在前</translation>
    </message>
    <message>
        <source>the axis sliced (batch = 0)</source>
        <translation>被切片的轴（批次 = 0）</translation>
    </message>
    <message>
        <source>first index kept</source>
        <translation>保留的第一个索引</translation>
    </message>
    <message>
        <source>end (exclusive; None = the end)</source>
        <translation>结束位置（不含；None = 到末尾）</translation>
    </message>
    <message>
        <source>step between kept indices</source>
        <translation>保留的索引之间的步长</translation>
    </message>
    <message>
        <source>r: r×r blocks become r² channels</source>
        <translation>r：r×r 的块变为 r² 个通道</translation>
    </message>
    <message>
        <source>groups of channels normalised together</source>
        <translation>一起归一化的通道组数</translation>
    </message>
    <message>
        <source>learn weight and bias per channel</source>
        <translation>每个通道学习 weight 和 bias</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>eval mode then uses running statistics</source>
        <translation>eval 模式下使用运行统计量</translation>
    </message>
    <message>
        <source>what the border holds: zeros, mirror, edge or wrap</source>
        <translation>边框的内容：零、镜像、边缘复制或环绕</translation>
    </message>
    <message>
        <source>the input&apos;s last sizes, normalised together</source>
        <translation>输入最后几个轴的尺寸，一起归一化</translation>
    </message>
    <message>
        <source>learn a weight and a bias per normalised value</source>
        <translation>为每个归一化的值学习一个 weight 和一个 bias</translation>
    </message>
    <message>
        <source>normalise each sample over its last axes</source>
        <translation>对每个样本在其最后几个轴上归一化</translation>
    </message>
    <message>
        <source>neighbouring channels summed</source>
        <translation>求和的相邻通道数</translation>
    </message>
    <message>
        <source>multiplier of the mean square</source>
        <translation>均方的乘数</translation>
    </message>
    <message>
        <source>exponent of the divisor</source>
        <translation>除数的指数</translation>
    </message>
    <message>
        <source>added to the divisor</source>
        <translation>加到除数上</translation>
    </message>
    <message>
        <source>divide each value by the energy of its neighbouring channels</source>
        <translation>每个值除以其相邻通道的能量</translation>
    </message>
    <message>
        <source>1, or one slope per input channel</source>
        <translation>1，或每个输入通道一个斜率</translation>
    </message>
    <message>
        <source>the slopes&apos; initial value</source>
        <translation>斜率的初始值</translation>
    </message>
    <message>
        <source>ReLU with a learned slope for negative values</source>
        <translation>负值部分斜率可学习的 ReLU</translation>
    </message>
    <message>
        <source>channel groups interleaved</source>
        <translation>交错排列的通道组数</translation>
    </message>
    <message>
        <source>interleave the channels of the groups (ShuffleNet)</source>
        <translation>交错排列各组的通道（ShuffleNet）</translation>
    </message>
</context>
<context>
    <name>convlens::core</name>
    <message>
        <source>use channels_last</source>
        <translation>请使用 channels_last</translation>
    </message>
    <message>
        <source>use a smaller input, stride, scale or kernel</source>
        <translation>请使用更小的输入、步长、缩放倍数或卷积核</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <source>%1 px on every side</source>
        <translation>每边 %1 像素</translation>
    </message>
    <message>
        <source>%1 row</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 on each side</source>
        <translation>每边 %1</translation>
    </message>
    <message>
        <source>%1 at the top and %2 at the bottom</source>
        <translation>上方 %1、下方 %2 行</translation>
    </message>
    <message>
        <source>%1 column</source>
        <translation>%1 列</translation>
    </message>
    <message>
        <source>%1 columns</source>
        <translation>%1 列</translation>
    </message>
    <message>
        <source>%1 on the left and %2 on the right</source>
        <translation>左侧 %1、右侧 %2 列</translation>
    </message>
    <message>
        <source>stride %1</source>
        <translation>步长 %1</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>来自 %2 的 %1</translation>
    </message>
    <message>
        <source>%1 gets %2.</source>
        <translation>%1 收到%2。</translation>
    </message>
    <message>
        <source>The branches part after %1.</source>
        <translation>分支在 %1 之后分开。</translation>
    </message>
    <message>
        <source>%1 drops a border on the way, shrinking %2 to %3.</source>
        <translation>%1 在途中去掉了一圈边界，把 %2 缩小到 %3。</translation>
    </message>
    <message>
        <source>%1 drop a border on the way, shrinking %2 to %3.</source>
        <translation>%1 在途中去掉了边界，把 %2 缩小到 %3。</translation>
    </message>
    <message>
        <source>Crop %1 by %2: %3 between %1 and %4.</source>
        <translation>将 %1 裁去%2：在 %1 和 %4 之间加入 %3。</translation>
    </message>
    <message>
        <source>Or keep the sizes with padding=&apos;same&apos; in the layers that shrink them.</source>
        <translation>或者在使尺寸缩小的层中使用 padding=&apos;same&apos; 保持尺寸。</translation>
    </message>
    <message>
        <source>Or keep the sizes with padding=(k − 1) / 2 in the layers that shrink them.</source>
        <translation>或者在使尺寸缩小的层中使用 padding=(k − 1) / 2 保持尺寸。</translation>
    </message>
    <message>
        <source>use smaller sizes</source>
        <translation>请使用更小的尺寸</translation>
    </message>
    <message>
        <source>feed it a (height, width, channels) feature map, e.g. remove the Flatten/Dense before it or add a Reshape</source>
        <translation>请输入 (高, 宽, 通道) 的特征图，例如去掉它前面的 Flatten/Dense，或加一个 Reshape</translation>
    </message>
    <message>
        <source>feed it a (channels, height, width) feature map</source>
        <translation>请输入 (通道, 高, 宽) 的特征图</translation>
    </message>
    <message>
        <source>adds nothing</source>
        <translation>不填充</translation>
    </message>
    <message>
        <source>adds %1 on every side</source>
        <translation>每边填充 %1</translation>
    </message>
    <message>
        <source>adds %1 top, %2 bottom, %3 left, %4 right</source>
        <translation>上填充 %1、下 %2、左 %3、右 %4</translation>
    </message>
    <message>
        <source>use padding=&apos;same&apos;, a window of at most %1, or a larger input</source>
        <translation>请使用 padding=&apos;same&apos;、不超过 %1 的窗口，或更大的输入</translation>
    </message>
    <message>
        <source>padding=&apos;valid&apos; adds nothing</source>
        <translation>padding=&apos;valid&apos; 不填充</translation>
    </message>
    <message>
        <source>use strides=1 with dilation, or dilation_rate=1 with strides</source>
        <translation>使用空洞卷积时请设 strides=1，或使用步长时设 dilation_rate=1</translation>
    </message>
    <message>
        <source>(dilated kernel k&apos; = d·(k−1)+1 = %1)</source>
        <translation>（空洞卷积核 k&apos; = d·(k−1)+1 = %1）</translation>
    </message>
    <message>
        <source>use an axis within the input&apos;s rank</source>
        <translation>请使用输入维数范围内的轴</translation>
    </message>
    <message>
        <source>use axis=-1 (channels)</source>
        <translation>请使用 axis=-1（通道）</translation>
    </message>
    <message>
        <source>use dim=1 (channels)</source>
        <translation>请使用 dim=1（通道）</translation>
    </message>
    <message>
        <source>use a number of filters divisible by %1</source>
        <translation>请使 filters 的数量能被 %1 整除</translation>
    </message>
    <message>
        <source>use groups dividing %1</source>
        <translation>请使 groups 能整除 %1</translation>
    </message>
    <message>
        <source>use in_channels divisible by %1</source>
        <translation>请使 in_channels 能被 %1 整除</translation>
    </message>
    <message>
        <source>use out_channels divisible by %1</source>
        <translation>请使 out_channels 能被 %1 整除</translation>
    </message>
    <message>
        <source>use stride=1, or an explicit padding such as padding=%1</source>
        <translation>请使用 stride=1，或显式填充，例如 padding=%1</translation>
    </message>
    <message>
        <source>set in_channels=%1 (the previous layer gives %2 channels)</source>
        <translation>请设 in_channels=%1（上一层输出 %2 个通道）</translation>
    </message>
    <message>
        <source>add padding, use a smaller kernel or dilation, or a larger input</source>
        <translation>请增加填充、使用更小的卷积核或空洞率，或更大的输入</translation>
    </message>
    <message>
        <source>use output_padding smaller than the stride</source>
        <translation>请使 output_padding 小于步长</translation>
    </message>
    <message>
        <source>use a larger input</source>
        <translation>请使用更大的输入</translation>
    </message>
    <message>
        <source>use output_padding &lt; max(stride, dilation)</source>
        <translation>请使 output_padding &lt; max(stride, dilation)</translation>
    </message>
    <message>
        <source>set in_channels=%1</source>
        <translation>请设 in_channels=%1</translation>
    </message>
    <message>
        <source>use less padding or a larger input</source>
        <translation>请减少填充或使用更大的输入</translation>
    </message>
    <message>
        <source>(acts on the last axis only)</source>
        <translation>（只作用于最后一个轴）</translation>
    </message>
    <message>
        <source>use threshold=0</source>
        <translation>请使用 threshold=0</translation>
    </message>
    <message>
        <source>use alpha ≠ 0</source>
        <translation>请使用 alpha ≠ 0</translation>
    </message>
    <message>
        <source>use beta ≠ 0</source>
        <translation>请使用 beta ≠ 0</translation>
    </message>
    <message>
        <source>swap or widen the bounds</source>
        <translation>请交换或放宽上下界</translation>
    </message>
    <message>
        <source>same shape</source>
        <translation>形状不变</translation>
    </message>
    <message>
        <source>same shape (identity at inference: %1 is random only while training)</source>
        <translation>形状不变（推理时为恒等映射：%1 只在训练时随机）</translation>
    </message>
    <message>
        <source>use a rate between 0 and 1</source>
        <translation>请使用 0 到 1 之间的比率</translation>
    </message>
    <message>
        <source>same shape (identity at inference)</source>
        <translation>形状不变（推理时为恒等映射）</translation>
    </message>
    <message>
        <source>give Input(shape=(H, W, C))</source>
        <translation>请给出 Input(shape=(H, W, C))</translation>
    </message>
    <message>
        <source>pass --input-shape C,H,W</source>
        <translation>请用 --input-shape C,H,W 给出输入形状</translation>
    </message>
    <message>
        <source>every size must be at least 1</source>
        <translation>每个尺寸至少为 1</translation>
    </message>
    <message>
        <source>use a realistic size</source>
        <translation>请使用合理的尺寸</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>concatenate tensors of the same rank</source>
        <translation>请拼接维数相同的张量</translation>
    </message>
    <message>
        <source>make the inputs agree on every axis but the concatenation axis — e.g. crop the skip connection with Cropping2D, or use padding=&apos;same&apos; in the convolutions</source>
        <translation>请使各输入在拼接轴以外的每个轴上一致，例如用 Cropping2D 裁剪跳跃连接，或在卷积中使用 padding=&apos;same&apos;</translation>
    </message>
    <message>
        <source>make the inputs agree on every axis but dim %1</source>
        <translation>请使各输入在 dim %1 以外的每个轴上一致</translation>
    </message>
    <message>
        <source>axis %1: %2 = %3</source>
        <translation>轴 %1：%2 = %3</translation>
    </message>
    <message>
        <source>add tensors of the same shape</source>
        <translation>请相加形状相同的张量</translation>
    </message>
    <message>
        <source>make both branches produce the same shape (e.g. a 1×1 Conv2D or strides on the shortcut)</source>
        <translation>请使两个分支输出相同的形状（例如在捷径上加 1×1 Conv2D 或步长）</translation>
    </message>
    <message>
        <source>make both branches produce the same shape</source>
        <translation>请使两个分支输出相同的形状</translation>
    </message>
    <message>
        <source>element-wise sum of %1 tensors %2</source>
        <translation>%1 个张量 %2 逐元素相加</translation>
    </message>
    <message>
        <source>make both operands the same shape, or 1 where one should be repeated</source>
        <translation>请使两个操作数形状相同，或在需要重复的位置设为 1</translation>
    </message>
    <message>
        <source>set other=None, or give it one input</source>
        <translation>请设 other=None，或只给它一个输入</translation>
    </message>
    <message>
        <source>give both operands the same number of axes (view/unsqueeze)</source>
        <translation>请使两个操作数的轴数相同（view/unsqueeze）</translation>
    </message>
    <message>
        <source>a %1 b, element-wise: %2 and %3 → %4</source>
        <translation>a %1 b，逐元素：%2 与 %3 → %4</translation>
    </message>
    <message>
        <source>give other= a number, or a second input</source>
        <translation>请给 other= 一个数，或第二个输入</translation>
    </message>
    <message>
        <source>same shape; params = 4·%1 (gamma, beta trainable; moving mean, variance not)</source>
        <translation>形状不变；参数 = 4·%1（gamma、beta 可训练；moving mean、variance 不可训练）</translation>
    </message>
    <message>
        <source>same shape; params = (center + scale + 2)·%1</source>
        <translation>形状不变；参数 = (center + scale + 2)·%1</translation>
    </message>
    <message>
        <source>use BatchNorm1d after Flatten, or place BatchNorm2d on a (C, H, W) map</source>
        <translation>请在 Flatten 之后使用 BatchNorm1d，或把 BatchNorm2d 放在 (C, H, W) 特征图上</translation>
    </message>
    <message>
        <source>use BatchNorm2d on a (C, H, W) map</source>
        <translation>请在 (C, H, W) 特征图上使用 BatchNorm2d</translation>
    </message>
    <message>
        <source>set num_features=%1</source>
        <translation>请设 num_features=%1</translation>
    </message>
    <message>
        <source>same shape; params = 2·%1 (weight, bias); running mean/var are buffers</source>
        <translation>形状不变；参数 = 2·%1（weight、bias）；running mean/var 是缓冲区</translation>
    </message>
    <message>
        <source>same shape; params = 0; running mean/var are buffers</source>
        <translation>形状不变；参数 = 0；running mean/var 是缓冲区</translation>
    </message>
    <message>
        <source>place it on a (C, H, W) map</source>
        <translation>请把它放在 (C, H, W) 特征图上</translation>
    </message>
    <message>
        <source>use a divisor of %1 groups</source>
        <translation>请使用 %1 的约数作为组数</translation>
    </message>
    <message>
        <source>set num_channels=%1</source>
        <translation>请设 num_channels=%1</translation>
    </message>
    <message>
        <source>running statistics per channel</source>
        <translation>每个通道的运行统计量</translation>
    </message>
    <message>
        <source>%1 group(s) of %2 channel(s) per sample</source>
        <translation>每个样本 %1 组，每组 %2 个通道</translation>
    </message>
    <message>
        <source>same shape; %1; params = 2·%2 (weight, bias)</source>
        <translation>形状不变；%1；参数 = 2·%2（weight、bias）</translation>
    </message>
    <message>
        <source>same shape; %1; params = 0</source>
        <translation>形状不变；%1；参数 = 0</translation>
    </message>
    <message>
        <source>use non-negative amounts</source>
        <translation>请使用非负的数量</translation>
    </message>
    <message>
        <source>use realistic amounts</source>
        <translation>请使用合理的数量</translation>
    </message>
    <message>
        <source>reflect at most %1 cells per side, or pad with zeros</source>
        <translation>每边最多反射填充 %1 格，或用零填充</translation>
    </message>
    <message>
        <source>crop less</source>
        <translation>请少裁剪一些</translation>
    </message>
    <message>
        <source>crop to at most the input&apos;s size, or put Resizing(%1, %2) before it</source>
        <translation>请裁剪到不超过输入的尺寸，或在它前面加 Resizing(%1, %2)</translation>
    </message>
    <message>
        <source>crop less than the input&apos;s size</source>
        <translation>请裁剪得比输入尺寸小</translation>
    </message>
    <message>
        <source>(strides=None → strides = pool_size %1)</source>
        <translation>（strides=None → strides = pool_size %1）</translation>
    </message>
    <message>
        <source>padded cells are ignored (−∞)</source>
        <translation>填充的格子被忽略（−∞）</translation>
    </message>
    <message>
        <source>padded cells are not counted</source>
        <translation>填充的格子不计入</translation>
    </message>
    <message>
        <source>set return_indices=False</source>
        <translation>请设 return_indices=False</translation>
    </message>
    <message>
        <source>use padding ≤ %1</source>
        <translation>请使用 padding ≤ %1</translation>
    </message>
    <message>
        <source>use a non-zero integer divisor_override or None</source>
        <translation>请使用非零整数 divisor_override 或 None</translation>
    </message>
    <message>
        <source>use a smaller kernel, padding, ceil_mode=True or a larger input</source>
        <translation>请使用更小的池化核、填充、ceil_mode=True 或更大的输入</translation>
    </message>
    <message>
        <source>(stride=None → kernel_size)</source>
        <translation>（stride=None → kernel_size）</translation>
    </message>
    <message>
        <source>padded zeros are counted (count_include_pad)</source>
        <translation>填充的零计入平均（count_include_pad）</translation>
    </message>
    <message>
        <source>one value per channel: %1×%2 → 1</source>
        <translation>每个通道一个值：%1×%2 → 1</translation>
    </message>
    <message>
        <source>use an output size ≥ 1</source>
        <translation>请使用 ≥ 1 的输出尺寸</translation>
    </message>
    <message>
        <source>out = output_size %1; window i covers [⌊i·%2/%3⌋, ⌈(i+1)·%2/%3⌉)</source>
        <translation>out = output_size %1；第 i 个窗口覆盖 [⌊i·%2/%3⌋, ⌈(i+1)·%2/%3⌉)</translation>
    </message>
    <message>
        <source>name the axes, e.g. dim=(2, 3)</source>
        <translation>请写出轴，例如 dim=(2, 3)</translation>
    </message>
    <message>
        <source>name each axis once</source>
        <translation>每个轴只写一次</translation>
    </message>
    <message>
        <source>%1 over dim %2 (kept as 1) → %3</source>
        <translation>在 dim %2 上做 %1（保留为 1）→ %3</translation>
    </message>
    <message>
        <source>%1 over dim %2 → %3</source>
        <translation>在 dim %2 上做 %1 → %3</translation>
    </message>
    <message>
        <source>use interpolation=&apos;bilinear&apos; or &apos;nearest&apos;</source>
        <translation>请使用 interpolation=&apos;bilinear&apos; 或 &apos;nearest&apos;</translation>
    </message>
    <message>
        <source>put CenterCrop to the target aspect ratio first and resize without crop_to_aspect_ratio</source>
        <translation>请先用 CenterCrop 裁剪到目标宽高比，再不带 crop_to_aspect_ratio 地缩放</translation>
    </message>
    <message>
        <source>out = size %1 (%2, half-pixel centres)</source>
        <translation>out = size %1（%2，半像素中心）</translation>
    </message>
    <message>
        <source>half-pixel centres</source>
        <translation>半像素中心</translation>
    </message>
    <message>
        <source>give exactly one of size= and scale_factor=</source>
        <translation>size= 和 scale_factor= 只能给出其中一个</translation>
    </message>
    <message>
        <source>remove align_corners or use mode=&apos;bilinear&apos;</source>
        <translation>请去掉 align_corners 或使用 mode=&apos;bilinear&apos;</translation>
    </message>
    <message>
        <source>use sizes ≥ 1</source>
        <translation>请使用 ≥ 1 的尺寸</translation>
    </message>
    <message>
        <source>out = size %1 (%2)</source>
        <translation>out = size %1（%2）</translation>
    </message>
    <message>
        <source>use a factor &gt; 0</source>
        <translation>请使用 &gt; 0 的倍数</translation>
    </message>
    <message>
        <source>use a smaller scale_factor</source>
        <translation>请使用更小的 scale_factor</translation>
    </message>
    <message>
        <source>use a larger scale_factor</source>
        <translation>请使用更大的 scale_factor</translation>
    </message>
    <message>
        <source>(H, W, C order)</source>
        <translation>（按 H, W, C 顺序）</translation>
    </message>
    <message>
        <source>use start_dim ≤ end_dim</source>
        <translation>请使 start_dim ≤ end_dim</translation>
    </message>
    <message>
        <source>(C, H, W order)</source>
        <translation>（按 C, H, W 顺序）</translation>
    </message>
    <message>
        <source>use positive sizes</source>
        <translation>请使用正的尺寸</translation>
    </message>
    <message>
        <source>use sizes whose product is %1</source>
        <translation>请使用乘积为 %1 的尺寸</translation>
    </message>
    <message>
        <source>(%1 values)</source>
        <translation>（%1 个值）</translation>
    </message>
    <message>
        <source>name every axis once, the batch (0) included</source>
        <translation>每个轴（包括批次轴 0）各写一次</translation>
    </message>
    <message>
        <source>keep dim 0 first</source>
        <translation>请让 dim 0 保持在最前</translation>
    </message>
    <message>
        <source>axes (%1) of %2 → %3</source>
        <translation>%2 的轴 (%1) → %3</translation>
    </message>
    <message>
        <source>use a step of 1 or more</source>
        <translation>请使用 ≥ 1 的步长</translation>
    </message>
    <message>
        <source>keep at least one index</source>
        <translation>请至少保留一个索引</translation>
    </message>
    <message>
        <source>dim %1: indices %2 to %3 step %4 → %5</source>
        <translation>dim %1：索引 %2 到 %3，步长 %4 → %5</translation>
    </message>
    <message>
        <source>dim %1: indices %2 to %3 → %4</source>
        <translation>dim %1：索引 %2 到 %3 → %4</translation>
    </message>
    <message>
        <source>place it after a convolution</source>
        <translation>请把它放在卷积之后</translation>
    </message>
    <message>
        <source>give it a multiple of %1 channels</source>
        <translation>请给它 %1 的倍数个通道</translation>
    </message>
    <message>
        <source>give it a height that is a multiple of %1</source>
        <translation>请使它的高是 %1 的倍数</translation>
    </message>
    <message>
        <source>give it a width that is a multiple of %1</source>
        <translation>请使它的宽是 %1 的倍数</translation>
    </message>
    <message>
        <source>set %1 to 1 or more</source>
        <translation>请把 %1 设为 1 或更大</translation>
    </message>
    <message>
        <source>use values ≥ %1</source>
        <translation>请使用 ≥ %1 的值</translation>
    </message>
    <message>
        <source>set in_features=%1 — or add nn.Flatten() before it: Linear acts on the last axis only</source>
        <translation>请设 in_features=%1，或在它前面加 nn.Flatten()：Linear 只作用于最后一个轴</translation>
    </message>
    <message>
        <source>set in_features=%1</source>
        <translation>请设 in_features=%1</translation>
    </message>
    <message>
        <source>reflect at most %1 cells per side (the input is %2 wide), or pad with zeros</source>
        <translation>每边最多反射填充 %1 格（输入宽 %2），或用零填充</translation>
    </message>
    <message>
        <source>reflect at most %1 cells per side (the input is %2 high), or pad with zeros</source>
        <translation>每边最多反射填充 %1 格（输入高 %2），或用零填充</translation>
    </message>
    <message>
        <source>SeparableConv2D: the weights shown are the effective depthwise×pointwise weights (w = Σ_m pointwise·depthwise over depth_multiplier %1); output channel %2 sums over %3 input channels, the cells shown are input channel %4&apos;s</source>
        <translation>SeparableConv2D：显示的是等效的 depthwise×pointwise 权重（w = 对 depth_multiplier %1 求和的 Σ_m pointwise·depthwise）；输出通道 %2 对 %3 个输入通道求和，显示的是输入通道 %4 的单元格</translation>
    </message>
    <message>
        <source>depthwise: output channel %1 sees input channel %2 only</source>
        <translation>depthwise：输出通道 %1 只看输入通道 %2</translation>
    </message>
    <message>
        <source>output channel %1 sums over %2 input channels (%3–%4); the cells shown are input channel %5&apos;s</source>
        <translation>输出通道 %1 对 %2 个输入通道（%3–%4）求和；显示的是输入通道 %5 的单元格</translation>
    </message>
    <message>
        <source>transposed convolution: each input cell stamps its kernel onto the output, overlaps add up</source>
        <translation>转置卷积：每个输入单元格把卷积核印到输出上，重叠部分相加</translation>
    </message>
    <message>
        <source>padded cells are ignored (−∞): never the maximum</source>
        <translation>填充的格子被忽略（−∞）: 永远不会是最大值</translation>
    </message>
    <message>
        <source>every window is divided by divisor_override = %1</source>
        <translation>每个窗口都除以 divisor_override = %1</translation>
    </message>
    <message>
        <source>padded cells count as 0 in the divisor (count_include_pad)</source>
        <translation>填充的格子按 0 计入除数（count_include_pad）</translation>
    </message>
    <message>
        <source>padded cells are not counted: the divisor is the number of real cells</source>
        <translation>填充的格子不计入: 除数是真实格子的个数</translation>
    </message>
    <message>
        <source>cells of a ceil_mode window beyond the padding are not counted</source>
        <translation>ceil_mode 窗口中超出填充范围的格子不计入</translation>
    </message>
    <message>
        <source>no real cell in the window → 0</source>
        <translation>窗口中没有真实的格子 → 0</translation>
    </message>
    <message>
        <source>Σ over %1 input channels</source>
        <translation>对 %1 个输入通道求和 Σ</translation>
    </message>
    <message>
        <source>(%1 terms)</source>
        <translation>（%1 项）</translation>
    </message>
    <message>
        <source>softmax over %1 channels → %2</source>
        <translation>对 %1 个通道做 softmax → %2</translation>
    </message>
    <message>
        <source>x = %1 stamps x·w:</source>
        <translation>x = %1 印下 x·w：</translation>
    </message>
    <message>
        <source>Σ over %1 input channels of x·w (ch %2: x = %3):</source>
        <translation>对 %1 个输入通道的 x·w 求和 Σ（ch %2：x = %3）：</translation>
    </message>
    <message>
        <source>canvas%1 cropped</source>
        <translation>画布%1 被裁掉</translation>
    </message>
    <message>
        <source>the content could not be written</source>
        <translation>无法写入内容</translation>
    </message>
    <message>
        <source>only %1 of %2 bytes could be written (is the disk full?)</source>
        <translation>只写入了 %2 字节中的 %1 字节（磁盘已满？）</translation>
    </message>
    <message>
        <source>reflect padding must be smaller than the input</source>
        <translation>反射填充必须小于输入尺寸</translation>
    </message>
    <message>
        <source>circular padding can be at most the input size</source>
        <translation>循环填充最多等于输入尺寸</translation>
    </message>
    <message>
        <source>use max_value ≥ 0 or None</source>
        <translation>请使用 max_value ≥ 0 或 None</translation>
    </message>
    <message>
        <source>use negative_slope ≥ 0</source>
        <translation>请使用 negative_slope ≥ 0</translation>
    </message>
    <message>
        <source>use num_parameters=1 or %1</source>
        <translation>请使用 num_parameters=1 或 %1</translation>
    </message>
    <message>
        <source>same shape; params = 1 (one slope for all channels)</source>
        <translation>形状不变；参数 = 1（所有通道共用一个斜率）</translation>
    </message>
    <message>
        <source>same shape; params = %1 (one slope per channel)</source>
        <translation>形状不变；参数 = %1（每个通道一个斜率）</translation>
    </message>
    <message>
        <source>normalized_shape must be the input&apos;s last sizes</source>
        <translation>normalized_shape 必须是输入最后几个轴的尺寸</translation>
    </message>
    <message>
        <source>normalise over the axes after the batch</source>
        <translation>请在批次轴之后的轴上归一化</translation>
    </message>
    <message>
        <source>same shape; each sample normalised over its last %1 axis(es); params = 2·%2 (weight, bias)</source>
        <translation>形状不变；每个样本在最后 %1 个轴上归一化；参数 = 2·%2（weight、bias）</translation>
    </message>
    <message>
        <source>same shape; each sample normalised over its last %1 axis(es); params = 0</source>
        <translation>形状不变；每个样本在最后 %1 个轴上归一化；参数 = 0</translation>
    </message>
    <message>
        <source>use size ≥ 1</source>
        <translation>请使用 size ≥ 1</translation>
    </message>
    <message>
        <source>same shape; each value divided by (k + alpha/%1 · Σ x² over %1 neighbouring channels)^beta; params = 0</source>
        <translation>形状不变；每个值除以 (k + alpha/%1 · 对 %1 个相邻通道的 Σ x²)^beta；参数 = 0</translation>
    </message>
    <message>
        <source>use groups ≥ 1</source>
        <translation>请使用 groups ≥ 1</translation>
    </message>
    <message>
        <source>same shape; channels read as %1 × %2 and transposed: output channel i·%1 + j is input channel j·%2 + i</source>
        <translation>形状不变；通道按 %1 × %2 读取并转置：输出通道 i·%1 + j 即输入通道 j·%2 + i</translation>
    </message>
    <message>
        <source>the model input has shape %1; an image needs a rank-3 (H, W, C) input</source>
        <translation>模型输入的形状是 %1；图像需要 3 维 (H, W, C) 输入</translation>
    </message>
    <message>
        <source>%1: the model input has %2 channels; an image gives 1 (gray) or 3 (RGB) — use a .npy array</source>
        <translation>%1：模型输入有 %2 个通道，而图像只能给出 1 个（灰度）或 3 个（RGB）通道——请改用 .npy 数组</translation>
    </message>
    <message>
        <source>resized %1 from %2 to %3 (aspect ratio not kept)</source>
        <translation>已将 %1 从 %2 缩放到 %3（未保持宽高比）</translation>
    </message>
    <message>
        <source>%1: could not convert the image</source>
        <translation>%1：无法转换该图像</translation>
    </message>
    <message>
        <source>converted %1 from colour to gray (0.299 R + 0.587 G + 0.114 B)</source>
        <translation>已将 %1 从彩色转为灰度（0.299 R + 0.587 G + 0.114 B）</translation>
    </message>
    <message>
        <source>%1: not a readable image (%2); expected PNG, JPEG, BMP or a .npy array</source>
        <translation>%1：不是可读取的图像（%2）；应为 PNG、JPEG、BMP 或 .npy 数组</translation>
    </message>
    <message>
        <source>%1: the image header gives an empty size %2</source>
        <translation>%1：图像文件头给出的尺寸为空：%2</translation>
    </message>
    <message>
        <source>%1: the image is %2 = %3 megapixels; the limit is %4 megapixels</source>
        <translation>%1：图像为 %2 = %3 百万像素，上限是 %4 百万像素</translation>
    </message>
    <message>
        <source>%1: cannot decode the image (%2); the file may be truncated or corrupt</source>
        <translation>%1：无法解码该图像（%2）；文件可能不完整或已损坏</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1: expected %2 pixels of 1 or 3 channels</source>
        <translation>%1：应为 %2 像素、1 或 3 个通道</translation>
    </message>
    <message>
        <source>%1: the array has shape %2; the model input is %3 %4, optionally with a batch dimension of 1 in front</source>
        <translation>%1：数组的形状是 %2，而模型输入是 %3 %4（前面可以多一个大小为 1 的批量维度）</translation>
    </message>
    <message>
        <source>%1: uint8 values divided by 255</source>
        <translation>%1：uint8 数值已除以 255</translation>
    </message>
    <message>
        <source>%1: %2 NaN/Inf values (they propagate)</source>
        <translation>%1：有 %2 个 NaN/Inf 值（它们会在计算中传播）</translation>
    </message>
    <message>
        <source>no reader for this file</source>
        <translation>没有能读取此文件的读取器</translation>
    </message>
    <message>
        <source>the header is not a dictionary</source>
        <translation>文件头不是字典</translation>
    </message>
    <message>
        <source>malformed header</source>
        <translation>文件头格式错误</translation>
    </message>
    <message>
        <source>a structured dtype (descr is not a string) is not supported</source>
        <translation>不支持结构化 dtype（descr 不是字符串）</translation>
    </message>
    <message>
        <source>malformed fortran_order</source>
        <translation>fortran_order 格式错误</translation>
    </message>
    <message>
        <source>malformed shape</source>
        <translation>shape 格式错误</translation>
    </message>
    <message>
        <source>a dimension in the shape is too large</source>
        <translation>shape 中有一个维度过大</translation>
    </message>
    <message>
        <source>unexpected header key &apos;%1&apos;</source>
        <translation>文件头中有意外的键 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the header lacks descr, fortran_order or shape</source>
        <translation>文件头缺少 descr、fortran_order 或 shape</translation>
    </message>
    <message>
        <source>unsupported dtype &apos;%1&apos;</source>
        <translation>不支持的 dtype &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unsupported dtype &apos;%1&apos; (expected float32, float64, an integer type or bool)</source>
        <translation>不支持的 dtype &apos;%1&apos;（应为 float32、float64、整数类型或 bool）</translation>
    </message>
    <message>
        <source>not a NumPy .npy file (bad magic)</source>
        <translation>不是 NumPy .npy 文件（魔数不符）</translation>
    </message>
    <message>
        <source>truncated header</source>
        <translation>文件头不完整</translation>
    </message>
    <message>
        <source>unsupported .npy format version %1</source>
        <translation>不支持的 .npy 格式版本 %1</translation>
    </message>
    <message>
        <source>the array %1 is too large (limit %2 MiB)</source>
        <translation>数组 %1 过大（上限 %2 MiB）</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>Fortran-order arrays are not supported (save with np.ascontiguousarray)</source>
        <translation>不支持 Fortran 顺序的数组（请用 np.ascontiguousarray 保存）</translation>
    </message>
    <message>
        <source>truncated: the header promises %1 %2 = %3 bytes of data, the file has %4</source>
        <translation>文件不完整：文件头声明 %1 %2 = %3 字节的数据，文件只有 %4 字节</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation>读取错误：%1</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层次过深</translation>
    </message>
    <message>
        <source>an object is not a parameter value</source>
        <translation>对象不能作为参数值</translation>
    </message>
    <message>
        <source>not a parameter value</source>
        <translation>不是参数值</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>the file is larger than 16 MiB</source>
        <translation>文件大于 16 MiB</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
    <message>
        <source>not a ConvLens project: the file is not a JSON object</source>
        <translation>不是 ConvLens 项目：文件不是 JSON 对象</translation>
    </message>
    <message>
        <source>not a ConvLens project: &quot;format&quot; is %1, expected &apos;convlens-model&apos;</source>
        <translation>不是 ConvLens 项目：&quot;format&quot; 是 %1，应为 &apos;convlens-model&apos;</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a positive integer, got %1</source>
        <translation>&quot;version&quot; 必须是正整数，实际是 %1</translation>
    </message>
    <message>
        <source>the project was written by a newer ConvLens (format version %1); this version reads version %2</source>
        <translation>该项目由更新版本的 ConvLens 写入（格式版本 %1）；当前版本只能读取版本 %2</translation>
    </message>
    <message>
        <source>&quot;framework&quot; must be &apos;keras&apos; or &apos;pytorch&apos;, got %1</source>
        <translation>&quot;framework&quot; 必须是 &apos;keras&apos; 或 &apos;pytorch&apos;，实际是 %1</translation>
    </message>
    <message>
        <source>the project is a %1 model; --framework %2 does not apply</source>
        <translation>该项目是 %1 模型，--framework %2 不适用</translation>
    </message>
    <message>
        <source>&quot;layers&quot; must be an array, got %1</source>
        <translation>&quot;layers&quot; 必须是数组，实际是 %1</translation>
    </message>
    <message>
        <source>too many layers (more than %1)</source>
        <translation>层数过多（超过 %1）</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>%1 must be an object, got %2</source>
        <translation>%1 必须是对象，实际是 %2</translation>
    </message>
    <message>
        <source>%1: &quot;name&quot; must be a non-empty string, got %2</source>
        <translation>%1：&quot;name&quot; 必须是非空字符串，实际是 %2</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos;</source>
        <translation>层 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: &quot;type&quot; must be a string, got %2</source>
        <translation>%1：&quot;type&quot; 必须是字符串，实际是 %2</translation>
    </message>
    <message>
        <source>%1: unknown layer type &apos;%2&apos; for %3; ConvLens knows: %4</source>
        <translation>%1：%3 中没有层类型 &apos;%2&apos;；ConvLens 支持：%4</translation>
    </message>
    <message>
        <source>%1: &quot;inputs&quot; must be an array of layer names, got %2</source>
        <translation>%1：&quot;inputs&quot; 必须是由层名组成的数组，实际是 %2</translation>
    </message>
    <message>
        <source>%1: &quot;inputs&quot; must be an array of layer names, got %2 in it</source>
        <translation>%1：&quot;inputs&quot; 必须是由层名组成的数组，其中却有 %2</translation>
    </message>
    <message>
        <source>%1: &quot;params&quot; must be an object, got %2</source>
        <translation>%1：&quot;params&quot; 必须是对象，实际是 %2</translation>
    </message>
    <message>
        <source>%1 (%2): unknown parameter &apos;%3&apos;</source>
        <translation>%1 (%2)：未知参数 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1 (%2): parameter &apos;%3&apos;: %4</source>
        <translation>%1 (%2)：参数 &apos;%3&apos;：%4</translation>
    </message>
    <message>
        <source>%1 (%2): missing required parameter &apos;%3&apos; (%4)</source>
        <translation>%1 (%2)：缺少必需的参数 &apos;%3&apos;（%4）</translation>
    </message>
    <message>
        <source>%1: &quot;implicit_input&quot; must be true or false, got %2</source>
        <translation>%1：&quot;implicit_input&quot; 必须是 true 或 false，实际是 %2</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a string, got %3</source>
        <translation>%1：&quot;%2&quot; 必须是字符串，实际是 %3</translation>
    </message>
    <message>
        <source>&quot;outputs&quot; must be an array of layer names, got %1</source>
        <translation>&quot;outputs&quot; 必须是由层名组成的数组，实际是 %1</translation>
    </message>
    <message>
        <source>&quot;outputs&quot; must be an array of layer names, got %1 in it</source>
        <translation>&quot;outputs&quot; 必须是由层名组成的数组，其中却有 %1</translation>
    </message>
    <message>
        <source>&quot;weights&quot; must be the name of a folder beside the project (&quot;model.weights&quot;), got %1</source>
        <translation>&quot;weights&quot; 必须是项目旁边的一个文件夹名（&quot;model.weights&quot;），实际是 %1</translation>
    </message>
    <message>
        <source>&quot;quiz&quot; must be an object with a &quot;questions&quot; array, got %1 for &quot;questions&quot;</source>
        <translation>&quot;quiz&quot; 必须是含 &quot;questions&quot; 数组的对象，而 &quot;questions&quot; 是 %1</translation>
    </message>
    <message>
        <source>&quot;quiz&quot; must be an object with a &quot;questions&quot; array, got %1</source>
        <translation>&quot;quiz&quot; 必须是含 &quot;questions&quot; 数组的对象，实际是 %1</translation>
    </message>
    <message>
        <source>quiz question %1</source>
        <translation>测验第 %1 题</translation>
    </message>
    <message>
        <source>%1: &quot;layer&quot; must be a layer name</source>
        <translation>%1：&quot;layer&quot; 必须是层名</translation>
    </message>
    <message>
        <source>%1: &quot;ask&quot; must be &apos;shape&apos; or &apos;padding&apos;, got %2</source>
        <translation>%1：&quot;ask&quot; 必须是 &apos;shape&apos; 或 &apos;padding&apos;，实际是 %2</translation>
    </message>
    <message>
        <source>%1: no layer &apos;%2&apos; in the model</source>
        <translation>%1：模型中没有层 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>%1: no such directory</source>
        <translation>%1：目录不存在</translation>
    </message>
    <message>
        <source>%1: missing — layer &apos;%2&apos; needs its &apos;%3&apos; of shape %4</source>
        <translation>%1：缺失——层 &apos;%2&apos; 需要形状为 %4 的 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;, weight &apos;%3&apos;: dtype &apos;%4&apos; refused (weights must be float32 or float64)</source>
        <translation>%1：层 &apos;%2&apos; 的权重 &apos;%3&apos;：不接受 dtype &apos;%4&apos;（权重必须是 float32 或 float64）</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;, weight &apos;%3&apos;: Fortran-order array refused (save it in C order)</source>
        <translation>%1：层 &apos;%2&apos; 的权重 &apos;%3&apos;：不接受 Fortran 顺序的数组（请按 C 顺序保存）</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;, weight &apos;%3&apos;: expected shape %4, found %5</source>
        <translation>%1：层 &apos;%2&apos; 的权重 &apos;%3&apos;：形状应为 %4，实际是 %5</translation>
    </message>
    <message>
        <source>%1: cannot create the directory</source>
        <translation>%1：无法创建目录</translation>
    </message>
    <message>
        <source>%1: no &apos;%2&apos; array to write</source>
        <translation>%1：没有可写出的 &apos;%2&apos; 数组</translation>
    </message>
    <message>
        <source>the code is larger than 16 MiB</source>
        <translation>代码大于 16 MiB</translation>
    </message>
    <message>
        <source>syntax error: %1</source>
        <translation>语法错误：%1</translation>
    </message>
    <message>
        <source>(line %1)</source>
        <translation>（第 %1 行）</translation>
    </message>
    <message>
        <source>(Keras 1 spelling; tf.keras calls it %1=)</source>
        <translation>（这是 Keras 1 的写法；tf.keras 中叫 %1=）</translation>
    </message>
    <message>
        <source>the code uses too much memory</source>
        <translation>代码占用的内存过多</translation>
    </message>
    <message>
        <source>out of memory while reading the code</source>
        <translation>读取代码时内存不足</translation>
    </message>
    <message>
        <source>%1%2 is applied to a tensor, but it is not a layer ConvLens knows%3</source>
        <translation>%1%2 作用于一个张量，但它不是 ConvLens 认识的层%3</translation>
    </message>
    <message>
        <source>%1%2 is not evaluated by ConvLens</source>
        <translation>ConvLens 不对 %1%2 求值</translation>
    </message>
    <message>
        <source>the value is too large</source>
        <translation>值过大</translation>
    </message>
    <message>
        <source>too many models</source>
        <translation>模型过多</translation>
    </message>
    <message>
        <source>%1(...): cannot expand %2</source>
        <translation>%1(...)：无法展开 %2</translation>
    </message>
    <message>
        <source>%1 takes at most %2 positional argument%3, got %4</source>
        <translation>%1 最多接受 %2 个位置参数%3，实际给了 %4 个</translation>
    </message>
    <message>
        <source>%1 takes at most %2 positional arguments%3, got %4</source>
        <translation>%1 最多接受 %2 个位置参数%3，实际给了 %4 个</translation>
    </message>
    <message>
        <source>%1 got an unexpected keyword argument &apos;%2&apos;%3</source>
        <translation>%1 收到意外的关键字参数 &apos;%2&apos;%3</translation>
    </message>
    <message>
        <source>%1 got multiple values for argument &apos;%2&apos;</source>
        <translation>%1 的参数 &apos;%2&apos; 被赋了多个值</translation>
    </message>
    <message>
        <source>%1 missing required argument &apos;%2&apos;</source>
        <translation>%1 缺少必需的参数 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>unknown layer &apos;%1&apos;%2; did you mean %3?; ConvLens knows: %4</source>
        <translation>未知的层 &apos;%1&apos;%2；你是不是想用 %3？ConvLens 支持：%4</translation>
    </message>
    <message>
        <source>unknown layer &apos;%1&apos;%2 (that is a %3 name; is the framework right?); ConvLens knows: %4</source>
        <translation>未知的层 &apos;%1&apos;%2（这是 %3 中的名称；框架选对了吗？）；ConvLens 支持：%4</translation>
    </message>
    <message>
        <source>unknown layer &apos;%1&apos;%2; ConvLens knows: %3</source>
        <translation>未知的层 &apos;%1&apos;%2；ConvLens 支持：%3</translation>
    </message>
    <message>
        <source>--call &quot;%1&quot;: syntax error: %2</source>
        <translation>--call &quot;%1&quot;：语法错误：%2</translation>
    </message>
    <message>
        <source>the code builds no model, but defines a builder that nothing calls: %1; say which to build and with what, e.g. --call &quot;%2&quot;</source>
        <translation>代码没有构建模型，但定义了一个没有被调用的构建函数：%1；请指明要构建哪个、用什么参数，例如 --call &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the code builds no model, but defines builders that nothing calls: %1; say which to build and with what, e.g. --call &quot;%2&quot;</source>
        <translation>代码没有构建模型，但定义了若干没有被调用的构建函数：%1；请指明要构建哪个、用什么参数，例如 --call &quot;%2&quot;</translation>
    </message>
    <message>
        <source>ConvLens has no definition of %1 (%2 is missing from the build)</source>
        <translation>ConvLens 没有 %1 的定义（构建中缺少 %2）</translation>
    </message>
    <message>
        <source>ConvLens&apos; definitions in %1 have no %2</source>
        <translation>ConvLens 在 %1 中的定义里没有 %2</translation>
    </message>
    <message>
        <source>imported the body of %1() with its default arguments (the code defines it but does not call it)</source>
        <translation>已按默认参数导入 %1() 的函数体（代码定义了它但没有调用）</translation>
    </message>
    <message>
        <source>%1: arguments nested too deeply</source>
        <translation>%1：参数嵌套层次过深</translation>
    </message>
    <message>
        <source>a layer without class_name</source>
        <translation>有一个层没有 class_name</translation>
    </message>
    <message>
        <source>a layer without class_name (&apos;%1&apos;)</source>
        <translation>有一个层没有 class_name（&apos;%1&apos;）</translation>
    </message>
    <message>
        <source>a %1 layer without a name</source>
        <translation>有一个 %1 层没有名称</translation>
    </message>
    <message>
        <source>models nested more than 16 deep</source>
        <translation>模型嵌套超过 16 层</translation>
    </message>
    <message>
        <source>the top-level class is &apos;%1&apos;, expected Sequential, Functional or Model</source>
        <translation>顶层类是 &apos;%1&apos;，应为 Sequential、Functional 或 Model</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; has no layer list</source>
        <translation>模型 &apos;%1&apos; 没有层列表</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;: a layer entry is not an object</source>
        <translation>模型 &apos;%1&apos;：有一个层条目不是对象</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; input_layers</source>
        <translation>模型 &apos;%1&apos; 的 input_layers</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; output_layers</source>
        <translation>模型 &apos;%1&apos; 的 output_layers</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; lists no inputs or no outputs</source>
        <translation>模型 &apos;%1&apos; 没有列出输入或输出</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; (%2)</source>
        <translation>层 &apos;%1&apos; (%2)</translation>
    </message>
    <message>
        <source>Keras layer &apos;%1&apos; (%2): ConvLens has no %2 layer</source>
        <translation>Keras 层 &apos;%1&apos; (%2)：ConvLens 没有 %2 层</translation>
    </message>
    <message>
        <source>%1: config key &apos;%2&apos; is not read</source>
        <translation>%1：未读取配置项 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: config key &apos;%2&apos; could not be read</source>
        <translation>%1：无法读取配置项 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>input &apos;%1&apos; has no batch_input_shape / batch_shape</source>
        <translation>输入 &apos;%1&apos; 没有 batch_input_shape / batch_shape</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;: two layers are named &apos;%2&apos;</source>
        <translation>模型 &apos;%1&apos;：有两个层都叫 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; uses layer &apos;%2&apos;, which it does not define</source>
        <translation>模型 &apos;%1&apos; 用到了层 &apos;%2&apos;，但没有定义它</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; output %2: ConvLens&apos; layers have one output</source>
        <translation>层 &apos;%1&apos; 的输出 %2：ConvLens 的层只有一个输出</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; has no node %2</source>
        <translation>层 &apos;%1&apos; 没有节点 %2</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos;: input &apos;%2&apos; is not computed yet</source>
        <translation>层 &apos;%1&apos;：输入 &apos;%2&apos; 尚未计算</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; is called on nothing</source>
        <translation>层 &apos;%1&apos; 没有作用在任何输入上</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; (%2) is called on %3 tensors</source>
        <translation>层 &apos;%1&apos; (%2) 作用在 %3 个张量上</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;: the layers&apos; inputs form a cycle</source>
        <translation>模型 &apos;%1&apos;：各层的输入形成了环</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;: output &apos;%2&apos; is never computed</source>
        <translation>模型 &apos;%1&apos;：输出 &apos;%2&apos; 从未被计算</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;</source>
        <translation>模型 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the Keras config is not JSON: %1 at byte %2</source>
        <translation>Keras 配置不是 JSON：第 %2 字节处 %1</translation>
    </message>
    <message>
        <source>the Keras config is not a JSON object</source>
        <translation>Keras 配置不是 JSON 对象</translation>
    </message>
    <message>
        <source>no layer_names attribute</source>
        <translation>没有 layer_names 属性</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;: %3</source>
        <translation>%1：层 &apos;%2&apos;：%3</translation>
    </message>
    <message>
        <source>no weight_names attribute</source>
        <translation>没有 weight_names 属性</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;: weight name &apos;%3&apos; is not &lt;layer&gt;/&lt;weight&gt;</source>
        <translation>%1：层 &apos;%2&apos;：权重名 &apos;%3&apos; 不是 &lt;layer&gt;/&lt;weight&gt; 形式</translation>
    </message>
    <message>
        <source>%1: %2: no layer name (no `name` attribute, no config entry)</source>
        <translation>%1：%2：没有层名（既没有 `name` 属性，也没有配置条目）</translation>
    </message>
    <message>
        <source>%1: %2: the model has no layer &apos;%3&apos;</source>
        <translation>%1：%2：模型中没有层 &apos;%3&apos;</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos;: %3 arrays in %4/vars, the layer has %5</source>
        <translation>%1：层 &apos;%2&apos;：%4/vars 中有 %3 个数组，而该层有 %5 个</translation>
    </message>
    <message>
        <source>%1: no Keras weights (no model_weights or layers group, no layer_names)</source>
        <translation>%1：没有 Keras 权重（没有 model_weights 或 layers 组，也没有 layer_names）</translation>
    </message>
    <message>
        <source>%1: weights for layer &apos;%2&apos;, which the model does not have</source>
        <translation>%1：有层 &apos;%2&apos; 的权重，但模型中没有这个层</translation>
    </message>
    <message>
        <source>%1: layer &apos;%2&apos; has no &apos;%3&apos; array</source>
        <translation>%1：层 &apos;%2&apos; 没有 &apos;%3&apos; 数组</translation>
    </message>
    <message>
        <source>%1: %2.%3: expected shape %4, found %5</source>
        <translation>%1：%2.%3：形状应为 %4，实际是 %5</translation>
    </message>
    <message>
        <source>%1: no weights for layer &apos;%2&apos;</source>
        <translation>%1：没有层 &apos;%2&apos; 的权重</translation>
    </message>
    <message>
        <source>%1: shard path &apos;%2&apos; is not a file name beside model.json</source>
        <translation>%1：分片路径 &apos;%2&apos; 不是 model.json 旁边的文件名</translation>
    </message>
    <message>
        <source>%1: cannot open weight shard &apos;%2&apos;</source>
        <translation>%1：无法打开权重分片 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the weight shards hold more than the memory budget (2 GiB)</source>
        <translation>%1：权重分片超出内存预算（2 GiB）</translation>
    </message>
    <message>
        <source>%1: weight &apos;%2&apos; is %3; only float32 weights are read</source>
        <translation>%1：权重 &apos;%2&apos; 是 %3；只读取 float32 权重</translation>
    </message>
    <message>
        <source>%1: weight &apos;%2&apos; is quantized; only float32 weights are read</source>
        <translation>%1：权重 &apos;%2&apos; 经过量化；只读取 float32 权重</translation>
    </message>
    <message>
        <source>%1: weight &apos;%2&apos; has a bad or too large shape</source>
        <translation>%1：权重 &apos;%2&apos; 的形状有误或过大</translation>
    </message>
    <message>
        <source>%1: weight &apos;%2&apos; needs bytes %3–%4 but the shards hold %5</source>
        <translation>%1：权重 &apos;%2&apos; 需要第 %3–%4 字节，但分片只有 %5 字节</translation>
    </message>
    <message>
        <source>%1: weight name &apos;%2&apos; is not &lt;layer&gt;/&lt;weight&gt;</source>
        <translation>%1：权重名 &apos;%2&apos; 不是 &lt;layer&gt;/&lt;weight&gt; 形式</translation>
    </message>
    <message>
        <source>%1: the shards hold %2 bytes, the manifest&apos;s weights %3</source>
        <translation>%1：分片有 %2 字节，而清单中的权重共 %3 字节</translation>
    </message>
    <message>
        <source>no %1 in the archive</source>
        <translation>压缩包中没有 %1</translation>
    </message>
    <message>
        <source>cannot read the size of %1</source>
        <translation>无法读取 %1 的大小</translation>
    </message>
    <message>
        <source>%1 inflates to %2 bytes, more than the limit of %3</source>
        <translation>%1 解压后有 %2 字节，超过上限 %3</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 does not inflate to its declared %2 bytes (%3)</source>
        <translation>%1 解压后不是声明的 %2 字节（%3）</translation>
    </message>
    <message>
        <source>not a readable .keras zip: %1</source>
        <translation>不是可读取的 .keras zip 文件：%1</translation>
    </message>
    <message>
        <source>no model.weights.h5 in the archive (a .keras file carries its weights)</source>
        <translation>压缩包中没有 model.weights.h5（.keras 文件应包含权重）</translation>
    </message>
    <message>
        <source>no model_config attribute: a weights-only file; open the model&apos;s code or JSON, with this file beside it as &lt;model&gt;.weights.h5</source>
        <translation>没有 model_config 属性：这是只含权重的文件；请打开模型的代码或 JSON，并把此文件以 &lt;model&gt;.weights.h5 为名放在旁边</translation>
    </message>
    <message>
        <source>unknown layer type &apos;%1&apos;</source>
        <translation>未知的层类型 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>use one of the %1 layers</source>
        <translation>请使用 %1 中的层</translation>
    </message>
    <message>
        <source>remove or replace this node in the model, or export the model without it</source>
        <translation>请在模型中删除或替换这个节点，或导出不含它的模型</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (%2): %3</source>
        <translation>&apos;%1&apos; (%2)：%3</translation>
    </message>
    <message>
        <source>give %1 a value</source>
        <translation>请给 %1 赋值</translation>
    </message>
    <message>
        <source>an InputLayer object cannot be called on a tensor; use Input(shape=...) in a functional model</source>
        <translation>InputLayer 对象不能作用在张量上；在函数式模型中请用 Input(shape=...)</translation>
    </message>
    <message>
        <source>%1 is called without an input tensor</source>
        <translation>调用 %1 时没有给出输入张量</translation>
    </message>
    <message>
        <source>models nested more than 64 deep</source>
        <translation>模型嵌套超过 64 层</translation>
    </message>
    <message>
        <source>the model &apos;%1&apos; (line %2)</source>
        <translation>模型 &apos;%1&apos;（第 %2 行）</translation>
    </message>
    <message>
        <source>%1 has no layers; it cannot be called on a tensor</source>
        <translation>%1 没有任何层，不能作用在张量上</translation>
    </message>
    <message>
        <source>%1 is a Sequential model: it takes one input tensor, not %2</source>
        <translation>%1 是 Sequential 模型：它只接受一个输入张量，而不是 %2 个</translation>
    </message>
    <message>
        <source>%1 holds a model with %2 outputs; a layer of a Sequential model must have one output</source>
        <translation>%1 包含一个有 %2 个输出的模型；Sequential 模型中的层只能有一个输出</translation>
    </message>
    <message>
        <source>%1 takes %2 input tensor(s), got %3</source>
        <translation>%1 接受 %2 个输入张量，实际给了 %3 个</translation>
    </message>
    <message>
        <source>%1 uses the input %2, which is not one of its inputs=</source>
        <translation>%1 用到了输入 %2，但它不在该模型的 inputs= 中</translation>
    </message>
    <message>
        <source>the model &apos;%1&apos; is called without an input tensor</source>
        <translation>调用模型 &apos;%1&apos; 时没有给出输入张量</translation>
    </message>
    <message>
        <source>Sequential.add() missing required argument &apos;layer&apos;</source>
        <translation>Sequential.add() 缺少必需的参数 &apos;layer&apos;</translation>
    </message>
    <message>
        <source>skipped %1 (its input shape cannot be evaluated here)</source>
        <translation>已跳过 %1（此处无法求出它的输入形状）</translation>
    </message>
    <message>
        <source>%1 (line %2) is not evaluated</source>
        <translation>未对 %1（第 %2 行）求值</translation>
    </message>
    <message>
        <source>Lambda() missing required argument &apos;function&apos;</source>
        <translation>Lambda() 缺少必需的参数 &apos;function&apos;</translation>
    </message>
    <message>
        <source>Lambda() got an unexpected keyword argument &apos;%1&apos;</source>
        <translation>Lambda() 收到意外的关键字参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the Lambda &apos;%1&apos; (line %2)</source>
        <translation>Lambda &apos;%1&apos;（第 %2 行）</translation>
    </message>
    <message>
        <source>the custom layer %1 (line %2)</source>
        <translation>自定义层 %1（第 %2 行）</translation>
    </message>
    <message>
        <source>%1: custom layers nested more than 32 deep</source>
        <translation>%1：自定义层嵌套超过 32 层</translation>
    </message>
    <message>
        <source>%1 defines no call() method</source>
        <translation>%1 没有定义 call() 方法</translation>
    </message>
    <message>
        <source>in %1: %2</source>
        <translation>在 %1 中：%2</translation>
    </message>
    <message>
        <source>%1 is not made of operations ConvLens knows: %2</source>
        <translation>%1 中有 ConvLens 不认识的运算：%2</translation>
    </message>
    <message>
        <source>`%1` slices a tensor whose shape is not known: %2%3</source>
        <translation>`%1` 对形状未知的张量做切片：%2%3</translation>
    </message>
    <message>
        <source>`%1`: an index can only have a single ellipsis (&apos;...&apos;)%2</source>
        <translation>`%1`：一个索引中只能有一个省略号（&apos;...&apos;）%2</translation>
    </message>
    <message>
        <source>`%1` has %2 indices for a tensor of rank %3%4</source>
        <translation>`%1` 对 %3 维张量给出了 %2 个索引%4</translation>
    </message>
    <message>
        <source>`%1` indexes a tensor with %2, which ConvLens does not read yet (only slices a:b:s, one per axis)%3</source>
        <translation>`%1` 用 %2 索引张量，ConvLens 暂不支持（只支持每个轴一个 a:b:s 切片）%3</translation>
    </message>
    <message>
        <source>`%1`: slice indices must be integers or None%2</source>
        <translation>`%1`：切片下标必须是整数或 None%2</translation>
    </message>
    <message>
        <source>`%1` slices the batch axis; ConvLens models one sample%2</source>
        <translation>`%1` 对批量轴做切片；ConvLens 只模拟单个样本%2</translation>
    </message>
    <message>
        <source>a layer of a Sequential model must give one tensor; %1 (line %2) gives %3</source>
        <translation>Sequential 模型中的层必须输出一个张量；%1（第 %2 行）输出的是 %3</translation>
    </message>
    <message>
        <source>`%1` (line %2): %3</source>
        <translation>`%1`（第 %2 行）：%3</translation>
    </message>
    <message>
        <source>No such layer: %1 (%2, line %3)</source>
        <translation>没有这个层：%1（%2，第 %3 行）</translation>
    </message>
    <message>
        <source>%1 (line %2) could not be evaluated</source>
        <translation>无法对 %1（第 %2 行）求值</translation>
    </message>
    <message>
        <source>could not evaluate name=%1 (%2); using the default name</source>
        <translation>无法求出 name=%1 的值（%2）；使用默认名称</translation>
    </message>
    <message>
        <source>could not evaluate name=%1; using the default name</source>
        <translation>无法求出 name=%1 的值；使用默认名称</translation>
    </message>
    <message>
        <source>%1() missing required argument &apos;inputs&apos;</source>
        <translation>%1() 缺少必需的参数 &apos;inputs&apos;</translation>
    </message>
    <message>
        <source>its input</source>
        <translation>它的输入</translation>
    </message>
    <message>
        <source>%1 is applied to %2, which holds something that is not a tensor: %3</source>
        <translation>%1 作用在 %2 上，而其中有不是张量的东西：%3</translation>
    </message>
    <message>
        <source>%1 is applied to %2, a layer object that was never called on a tensor</source>
        <translation>%1 作用在 %2 上，而它是一个从未作用于张量的层对象</translation>
    </message>
    <message>
        <source>%1 is applied to %2, which is not a tensor: %3</source>
        <translation>%1 作用在 %2 上，而它不是张量：%3</translation>
    </message>
    <message>
        <source>the layer %1 is used a second time (line %2): calling one layer object twice shares its weights, which ConvLens does not support (one node per layer); create a separate layer for each call</source>
        <translation>层 %1 被第二次使用（第 %2 行）：同一个层对象调用两次会共享权重，ConvLens 不支持这种用法（每个层一个节点）；请为每次调用各建一个层</translation>
    </message>
    <message>
        <source>%1 uses the output of %2, which belongs to a Sequential model</source>
        <translation>%1 用到了 %2 的输出，而 %2 属于某个 Sequential 模型</translation>
    </message>
    <message>
        <source>Sequential() takes at most 2 positional arguments (layers, name), got %1</source>
        <translation>Sequential() 最多接受 2 个位置参数（layers、name），实际给了 %1 个</translation>
    </message>
    <message>
        <source>Sequential() got an unexpected keyword argument &apos;%1&apos;</source>
        <translation>Sequential() 收到意外的关键字参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Sequential(layers=%1) expects a list of layers: %2</source>
        <translation>Sequential(layers=%1) 需要一个层的列表：%2</translation>
    </message>
    <message>
        <source>Sequential takes layers, but %1 is a tensor (the output of %2)</source>
        <translation>Sequential 接受的是层，但 %1 是一个张量（%2 的输出）</translation>
    </message>
    <message>
        <source>a Sequential model cannot hold itself</source>
        <translation>Sequential 模型不能包含它自己</translation>
    </message>
    <message>
        <source>Sequential takes layers, but %1 is not one: %2</source>
        <translation>Sequential 接受的是层，但 %1 不是层：%2</translation>
    </message>
    <message>
        <source>the layer %1 is added a second time: one layer object used twice shares its weights, which ConvLens does not support (one node per layer); create a separate layer</source>
        <translation>层 %1 被第二次添加：同一个层对象用两次会共享权重，ConvLens 不支持这种用法（每个层一个节点）；请另建一个层</translation>
    </message>
    <message>
        <source>an Input layer can only be the first layer of a Sequential</source>
        <translation>Input 层只能是 Sequential 的第一层</translation>
    </message>
    <message>
        <source>%1() needs outputs=…: the tensors the model computes</source>
        <translation>%1() 需要 outputs=…：即模型计算出的张量</translation>
    </message>
    <message>
        <source>`%1` (a tensor&apos;s %2) is not known while the code is read (line %3)</source>
        <translation>读取代码时还不知道 `%1`（张量的 %2）（第 %3 行）</translation>
    </message>
    <message>
        <source>`%1` adds tensors with +, which is not a layer; write Add()([a, b])%2</source>
        <translation>`%1` 用 + 把张量相加，这不是一个层；请写成 Add()([a, b])%2</translation>
    </message>
    <message>
        <source>`%1` is tensor arithmetic, not a layer ConvLens imports%2</source>
        <translation>`%1` 是张量运算，不是 ConvLens 导入的层%2</translation>
    </message>
    <message>
        <source>`%1` slices a tensor, which is not a layer ConvLens imports (line %2)</source>
        <translation>`%1` 对张量做切片，这不是 ConvLens 导入的层（第 %2 行）</translation>
    </message>
    <message>
        <source>%1 (line %2) is not evaluated: %3 is not something ConvLens models</source>
        <translation>未对 %1（第 %2 行）求值：ConvLens 不模拟 %3</translation>
    </message>
    <message>
        <source>class %1 (line %2) subclasses %3: subclassed Keras models are not supported yet; write the model with Sequential or the functional API</source>
        <translation>类 %1（第 %2 行）继承自 %3：暂不支持子类化的 Keras 模型；请用 Sequential 或函数式 API 编写模型</translation>
    </message>
    <message>
        <source>--call &quot;%1&quot; does not give a Keras model: %2</source>
        <translation>--call &quot;%1&quot; 没有得到 Keras 模型：%2</translation>
    </message>
    <message>
        <source>class %1 subclasses %2: subclassed Keras models are not supported yet; write the model with Sequential or the functional API</source>
        <translation>类 %1 继承自 %2：暂不支持子类化的 Keras 模型；请用 Sequential 或函数式 API 编写模型</translation>
    </message>
    <message>
        <source>the first layer of the Sequential model is a model without one input; ConvLens cannot tell the model&apos;s input shape</source>
        <translation>Sequential 模型的第一层不是单一输入的模型；ConvLens 无法确定模型的输入形状</translation>
    </message>
    <message>
        <source>%1; pass --input-shape H,W,C to give the input size</source>
        <translation>%1；请用 --input-shape H,W,C 给出输入尺寸</translation>
    </message>
    <message>
        <source>the model has no input shape: give the first layer input_shape=(H, W, C), start with Input(shape=(H, W, C)), or pass --input-shape H,W,C</source>
        <translation>模型没有输入形状：请给第一层设 input_shape=(H, W, C)，或以 Input(shape=(H, W, C)) 开头，或用 --input-shape H,W,C 指定</translation>
    </message>
    <message>
        <source>%1: input shape %2: %3; pass --input-shape H,W,C to give the sizes</source>
        <translation>%1：输入形状 %2：%3；请用 --input-shape H,W,C 给出尺寸</translation>
    </message>
    <message>
        <source>%1: input shape %2: %3</source>
        <translation>%1：输入形状 %2：%3</translation>
    </message>
    <message>
        <source>%1 (line %2): %3</source>
        <translation>%1（第 %2 行）：%3</translation>
    </message>
    <message>
        <source>nn.%1 takes modules, but %2 is a class; call it to make a module</source>
        <translation>nn.%1 接受的是模块，但 %2 是一个类；请调用它来创建模块</translation>
    </message>
    <message>
        <source>nn.%1 takes modules, but %2 is not one: %3</source>
        <translation>nn.%1 接受的是模块，但 %2 不是模块：%3</translation>
    </message>
    <message>
        <source>nn.Sequential(...): cannot expand %1</source>
        <translation>nn.Sequential(...)：无法展开 %1</translation>
    </message>
    <message>
        <source>nn.Sequential(OrderedDict(...)): every name must be a string</source>
        <translation>nn.Sequential(OrderedDict(...))：每个名称都必须是字符串</translation>
    </message>
    <message>
        <source>nn.ModuleList(%1): %2</source>
        <translation>nn.ModuleList(%1)：%2</translation>
    </message>
    <message>
        <source>nn.ModuleDict: every key must be a string</source>
        <translation>nn.ModuleDict：每个键都必须是字符串</translation>
    </message>
    <message>
        <source>nn.ModuleDict(%1): %2</source>
        <translation>nn.ModuleDict(%1)：%2</translation>
    </message>
    <message>
        <source>nn.ModuleDict expects (name, module) pairs</source>
        <translation>nn.ModuleDict 需要 (name, module) 对</translation>
    </message>
    <message>
        <source>--call &quot;%1&quot; does not give an nn.Module: %2</source>
        <translation>--call &quot;%1&quot; 没有得到 nn.Module：%2</translation>
    </message>
    <message>
        <source>built the model as %1() (the code defines the class but does not instantiate it)</source>
        <translation>已按 %1() 构建模型（代码定义了这个类但没有实例化它）</translation>
    </message>
    <message>
        <source>the code defines nn.Module classes but builds no model: %1; say which to build with --call, e.g. --call &quot;%2&quot;</source>
        <translation>代码定义了 nn.Module 类，但没有构建模型：%1；请用 --call 指明要构建哪个，例如 --call &quot;%2&quot;</translation>
    </message>
    <message>
        <source>PyTorch code declares no input shape; pass --input-shape C,H,W</source>
        <translation>PyTorch 代码没有声明输入形状；请用 --input-shape C,H,W 指定</translation>
    </message>
    <message>
        <source>%1 missing its input tensor</source>
        <translation>%1 缺少输入张量</translation>
    </message>
    <message>
        <source>%1 (line %2) runs the model, which is not evaluated</source>
        <translation>%1（第 %2 行）运行了模型，这一步不求值</translation>
    </message>
    <message>
        <source>%1 (line %2) runs a module, which is not evaluated</source>
        <translation>%1（第 %2 行）运行了一个模块，这一步不求值</translation>
    </message>
    <message>
        <source>the module %1 (line %2) is called in forward() but is not a submodule of the model (assign it to an attribute of self in __init__)</source>
        <translation>模块 %1（第 %2 行）在 forward() 中被调用，但它不是模型的子模块（请在 __init__ 中把它赋给 self 的属性）</translation>
    </message>
    <message>
        <source>nn.Sequential takes one input, got %1</source>
        <translation>nn.Sequential 只接受一个输入，实际给了 %1 个</translation>
    </message>
    <message>
        <source>the module %1 (line %2) is called in forward() but is not a submodule of the model (assign it to an attribute of self in __init__, or keep the container it comes from)</source>
        <translation>模块 %1（第 %2 行）在 forward() 中被调用，但它不是模型的子模块（请在 __init__ 中把它赋给 self 的属性，或保留它所在的容器）</translation>
    </message>
    <message>
        <source>nn.%1 takes one input tensor, got %2 positional and %3 keyword arguments</source>
        <translation>nn.%1 只接受一个输入张量，实际给了 %2 个位置参数和 %3 个关键字参数</translation>
    </message>
    <message>
        <source>%1() takes at most %2 positional arguments</source>
        <translation>%1() 最多接受 %2 个位置参数</translation>
    </message>
    <message>
        <source>%1 (line %2): %3 is not supported by ConvLens yet</source>
        <translation>%1（第 %2 行）：ConvLens 暂不支持%3</translation>
    </message>
    <message>
        <source>%1: cannot expand %2</source>
        <translation>%1：无法展开 %2</translation>
    </message>
    <message>
        <source>%1() missing its tensors</source>
        <translation>%1() 缺少张量参数</translation>
    </message>
    <message>
        <source>torch.cat takes tensors, but %1 holds %2</source>
        <translation>torch.cat 接受的是张量，但 %1 中有%2</translation>
    </message>
    <message>
        <source>torch.cat takes a list of tensors</source>
        <translation>torch.cat 需要一个张量列表</translation>
    </message>
    <message>
        <source>torch.pow() takes an input and an exponent (line %1)</source>
        <translation>torch.pow() 需要一个输入和一个指数（第 %1 行）</translation>
    </message>
    <message>
        <source>%1 (line %2): dim must be an int</source>
        <translation>%1（第 %2 行）：dim 必须是整数</translation>
    </message>
    <message>
        <source>%1 (line %2): dim must be an int or a tuple of ints</source>
        <translation>%1（第 %2 行）：dim 必须是整数或整数元组</translation>
    </message>
    <message>
        <source>%1 (line %2): %3() takes two dims</source>
        <translation>%1（第 %2 行）：%3() 需要两个维度</translation>
    </message>
    <message>
        <source>%1: unsqueeze() missing its dim</source>
        <translation>%1：unsqueeze() 缺少 dim 参数</translation>
    </message>
    <message>
        <source>slice indices must be integers or None</source>
        <translation>切片下标必须是整数或 None</translation>
    </message>
    <message>
        <source>%1: the shape %2 is not a list of ints</source>
        <translation>%1：形状 %2 不是整数列表</translation>
    </message>
    <message>
        <source>pow() missing its exponent (line %1)</source>
        <translation>pow() 缺少指数（第 %1 行）</translation>
    </message>
    <message>
        <source>`%1` (the %2 of %3) is not known while the code is read</source>
        <translation>读取代码时还不知道 `%1`（%3 的 %2）</translation>
    </message>
    <message>
        <source>%1() takes a name and a module</source>
        <translation>%1() 需要一个名称和一个模块</translation>
    </message>
    <message>
        <source>Sequential.add_module(name=%1): the name could not be evaluated: %2</source>
        <translation>Sequential.add_module(name=%1)：无法求出名称的值：%2</translation>
    </message>
    <message>
        <source>%1.append() missing required argument &apos;module&apos;</source>
        <translation>%1.append() 缺少必需的参数 &apos;module&apos;</translation>
    </message>
    <message>
        <source>%1.extend() missing its modules</source>
        <translation>%1.extend() 缺少模块参数</translation>
    </message>
    <message>
        <source>%1.insert() takes an index and a module</source>
        <translation>%1.insert() 需要一个下标和一个模块</translation>
    </message>
    <message>
        <source>index %1 is out of range (%2 of %3 modules; %4, line %5)</source>
        <translation>下标 %1 越界（%2 共有 %3 个模块；%4，第 %5 行）</translation>
    </message>
    <message>
        <source>`%1` (a tensor&apos;s %2) is not known while the code is read</source>
        <translation>读取代码时还不知道 `%1`（张量的 %2）</translation>
    </message>
    <message>
        <source>cannot size the file</source>
        <translation>无法获取文件大小</translation>
    </message>
    <message>
        <source>cannot read the file&apos;s address size</source>
        <translation>无法读取文件的地址宽度</translation>
    </message>
    <message>
        <source>its strings&apos; characters are %1 bytes, not 1</source>
        <translation>其字符串的字符占 %1 字节，而不是 1 字节</translation>
    </message>
    <message>
        <source>its strings are stored in an unknown layout</source>
        <translation>其字符串的存储布局未知</translation>
    </message>
    <message>
        <source>its strings cannot be read</source>
        <translation>无法读取其字符串</translation>
    </message>
    <message>
        <source>a string claims %1 bytes in a file of %2</source>
        <translation>有一个字符串声称有 %1 字节，而文件只有 %2 字节</translation>
    </message>
    <message>
        <source>a string points to no global heap collection (address %1)</source>
        <translation>有一个字符串没有指向任何全局堆集合（地址 %1）</translation>
    </message>
    <message>
        <source>a string points to object %1, which its heap collection does not hold</source>
        <translation>有一个字符串指向对象 %1，但其堆集合中没有该对象</translation>
    </message>
    <message>
        <source>a string claims %1 bytes, its heap object holds %2</source>
        <translation>有一个字符串声称有 %1 字节，而其堆对象只有 %2 字节</translation>
    </message>
    <message>
        <source>cannot read attribute &apos;%1&apos;</source>
        <translation>无法读取属性 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>attribute &apos;%1&apos; is not a string</source>
        <translation>属性 &apos;%1&apos; 不是字符串</translation>
    </message>
    <message>
        <source>attribute &apos;%1&apos; is too large</source>
        <translation>属性 &apos;%1&apos; 过大</translation>
    </message>
    <message>
        <source>attribute &apos;%1&apos; is corrupt: %2</source>
        <translation>属性 &apos;%1&apos; 已损坏：%2</translation>
    </message>
    <message>
        <source>cannot read the attributes</source>
        <translation>无法读取属性</translation>
    </message>
    <message>
        <source>cannot open attribute &apos;%1&apos;</source>
        <translation>无法打开属性 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>corrupt HDF5 file: a local heap&apos;s free list loops or reaches past its heap</source>
        <translation>HDF5 文件已损坏：某个局部堆的空闲链表成环或超出了堆的范围</translation>
    </message>
    <message>
        <source>corrupt HDF5 file: a B-tree node&apos;s child is not below it (the tree loops)</source>
        <translation>HDF5 文件已损坏：某个 B 树节点的子节点不在它下层（树中有环）</translation>
    </message>
    <message>
        <source>corrupt HDF5 file: a global heap collection would not advance or reaches past its end</source>
        <translation>HDF5 文件已损坏：某个全局堆集合无法前进或超出了末尾</translation>
    </message>
    <message>
        <source>not an HDF5 file, or a truncated one</source>
        <translation>不是 HDF5 文件，或文件不完整</translation>
    </message>
    <message>
        <source>cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>cannot open the HDF5 file (truncated or corrupt)</source>
        <translation>无法打开 HDF5 文件（文件不完整或已损坏）</translation>
    </message>
    <message>
        <source>not an HDF5 file</source>
        <translation>不是 HDF5 文件</translation>
    </message>
    <message>
        <source>cannot open the HDF5 image</source>
        <translation>无法打开 HDF5 映像</translation>
    </message>
    <message>
        <source>cannot open the HDF5 data (truncated or corrupt)</source>
        <translation>无法打开 HDF5 数据（文件不完整或已损坏）</translation>
    </message>
    <message>
        <source>no object &apos;%1&apos;</source>
        <translation>没有对象 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot open &apos;%1&apos;</source>
        <translation>无法打开 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>attribute &apos;%1&apos; holds %2 strings, expected one</source>
        <translation>属性 &apos;%1&apos; 有 %2 个字符串，应为一个</translation>
    </message>
    <message>
        <source>attribute &apos;%1&apos; has too many chunks</source>
        <translation>属性 &apos;%1&apos; 的分块过多</translation>
    </message>
    <message>
        <source>cannot open group &apos;%1&apos;</source>
        <translation>无法打开组 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot list group &apos;%1&apos;</source>
        <translation>无法列出组 &apos;%1&apos; 的内容</translation>
    </message>
    <message>
        <source>no dataset &apos;%1&apos;</source>
        <translation>没有数据集 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a readable dataset</source>
        <translation>&apos;%1&apos; 不是可读取的数据集</translation>
    </message>
    <message>
        <source>dataset &apos;%1&apos; does not hold floats</source>
        <translation>数据集 &apos;%1&apos; 存的不是浮点数</translation>
    </message>
    <message>
        <source>dataset &apos;%1&apos; has rank %2 (at most 8 is read)</source>
        <translation>数据集 &apos;%1&apos; 是 %2 维的（最多读取 8 维）</translation>
    </message>
    <message>
        <source>dataset &apos;%1&apos; declares more than %2 values (the memory budget)</source>
        <translation>数据集 &apos;%1&apos; 声明的数值超过 %2 个（内存预算）</translation>
    </message>
    <message>
        <source>dataset &apos;%1&apos; declares %2 bytes but stores %3</source>
        <translation>数据集 &apos;%1&apos; 声明有 %2 字节，实际只存了 %3 字节</translation>
    </message>
    <message>
        <source>cannot read dataset &apos;%1&apos; (truncated or corrupt)</source>
        <translation>无法读取数据集 &apos;%1&apos;（文件不完整或已损坏）</translation>
    </message>
    <message>
        <source>cannot open the file: it does not exist or is not a file</source>
        <translation>无法打开文件：它不存在或不是文件</translation>
    </message>
    <message>
        <source>the file is 2 GiB or larger, more than one protobuf message can hold (large models keep their weights in external data)</source>
        <translation>文件达到或超过 2 GiB，超出单个 protobuf 消息的容量（大模型应把权重放在外部数据中）</translation>
    </message>
    <message>
        <source>not an ONNX model: no graph nodes (the file is empty)</source>
        <translation>不是 ONNX 模型：没有图节点（文件为空）</translation>
    </message>
    <message>
        <source>cannot read the file&apos;s size</source>
        <translation>无法读取文件大小</translation>
    </message>
    <message>
        <source>cannot map the file into memory</source>
        <translation>无法把文件映射到内存</translation>
    </message>
    <message>
        <source>not a valid ONNX file: the protobuf is truncated or corrupt</source>
        <translation>不是有效的 ONNX 文件：protobuf 不完整或已损坏</translation>
    </message>
    <message>
        <source>not an ONNX model: no graph nodes</source>
        <translation>不是 ONNX 模型：没有图节点</translation>
    </message>
    <message>
        <source>not an ONNX model: it imports no ai.onnx opset</source>
        <translation>不是 ONNX 模型：没有导入 ai.onnx 算子集</translation>
    </message>
    <message>
        <source>opset %1 is not supported (ConvLens reads ai.onnx opsets 9 to 18)</source>
        <translation>不支持算子集版本 %1（ConvLens 读取 ai.onnx 算子集 9 到 18）</translation>
    </message>
    <message>
        <source>ONNX node &apos;%1&apos; (%2): %3</source>
        <translation>ONNX 节点 &apos;%1&apos; (%2)：%3</translation>
    </message>
    <message>
        <source>input &apos;%1&apos; is not a tensor</source>
        <translation>输入 &apos;%1&apos; 不是张量</translation>
    </message>
    <message>
        <source>input &apos;%1&apos; has element type %2; ConvLens models take float32 inputs</source>
        <translation>输入 &apos;%1&apos; 的元素类型是 %2；ConvLens 的模型只接受 float32 输入</translation>
    </message>
    <message>
        <source>input &apos;%1&apos; has an unknown dimension %2%3; give the shape with --input-shape C,H,W</source>
        <translation>输入 &apos;%1&apos; 的第 %2 维大小未知%3；请用 --input-shape C,H,W 给出形状</translation>
    </message>
    <message>
        <source>input &apos;%1&apos; has no dimensions besides the batch</source>
        <translation>输入 &apos;%1&apos; 除批量维度外没有其他维度</translation>
    </message>
    <message>
        <source>node &apos;%1&apos; (%2) uses &apos;%3&apos;, which no node, input or initializer defines</source>
        <translation>节点 &apos;%1&apos; (%2) 用到了 &apos;%3&apos;，但没有任何节点、输入或初始值定义它</translation>
    </message>
    <message>
        <source>the graph has a cycle (nodes %1 wait on each other)</source>
        <translation>计算图中有环（节点 %1 互相等待）</translation>
    </message>
    <message>
        <source>an unknown producer</source>
        <translation>未知的生成工具</translation>
    </message>
    <message>
        <source>ONNX opset %1, IR version %2, written by %3; each row is named after its ONNX node</source>
        <translation>ONNX 算子集 %1，IR 版本 %2，由 %3 写出；每一行以其 ONNX 节点命名</translation>
    </message>
    <message>
        <source>out of memory while reading the file</source>
        <translation>读取文件时内存不足</translation>
    </message>
    <message>
        <source>a dict built here has more than %1 entries</source>
        <translation>这里构建的字典超过 %1 项</translation>
    </message>
    <message>
        <source>a list built here has more than %1 elements</source>
        <translation>这里构建的列表超过 %1 个元素</translation>
    </message>
    <message>
        <source>nested too deeply (the code nests calls and expressions more than %1 levels deep)</source>
        <translation>嵌套层次过深（代码中调用和表达式的嵌套超过 %1 层）</translation>
    </message>
    <message>
        <source>the code uses too much memory (more than %1 MiB)</source>
        <translation>代码占用的内存过多（超过 %1 MiB）</translation>
    </message>
    <message>
        <source>the loop at line %1 runs too long (more than %2 steps): an endless loop, or one too big to read statically</source>
        <translation>第 %1 行的循环运行过久（超过 %2 步）：可能是死循环，或循环太大，无法静态读取</translation>
    </message>
    <message>
        <source>the code takes too long to evaluate (more than %1 steps)</source>
        <translation>代码求值耗时过长（超过 %1 步）</translation>
    </message>
    <message>
        <source>`%1:` (line %2) decides which layers are built, but ConvLens cannot evaluate it: %3; write the value it needs as a literal (for an input size, pass --input-shape)</source>
        <translation>`%1:`（第 %2 行）决定了构建哪些层，但 ConvLens 无法对它求值：%3；请把它需要的值写成字面量（输入尺寸请用 --input-shape 指定）</translation>
    </message>
    <message>
        <source>nested too deeply (function calls more than %1 levels deep)</source>
        <translation>嵌套层次过深（函数调用超过 %1 层）</translation>
    </message>
    <message>
        <source>the code is too long (more than %1 tokens)</source>
        <translation>代码过长（超过 %1 个词法单元）</translation>
    </message>
    <message>
        <source>invalid character &apos;%1&apos;: curly quotes are not Python quotes; use &apos; or &quot;</source>
        <translation>无效字符 &apos;%1&apos;：弯引号不是 Python 的引号；请用 &apos; 或 &quot;</translation>
    </message>
    <message>
        <source>nested too deeply (more than %1 indentation levels)</source>
        <translation>嵌套层次过深（缩进超过 %1 层）</translation>
    </message>
    <message>
        <source>nested too deeply (more than %1 brackets)</source>
        <translation>嵌套层次过深（括号超过 %1 层）</translation>
    </message>
    <message>
        <source>nested too deeply (an expression more than %1 levels deep)</source>
        <translation>嵌套层次过深（表达式超过 %1 层）</translation>
    </message>
</context>
</TS>
