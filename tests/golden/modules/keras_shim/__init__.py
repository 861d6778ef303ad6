"""keras_shim: a recording stand-in for `keras` / `tensorflow.keras`, used by gen_keras_modules.mjs.

Real CPython runs a case's Keras code with these modules in sys.modules; every layer call is built in
@tensorflow/tfjs by the Node side, which answers with shapes and refusals. See ../README_keras.md.
"""
