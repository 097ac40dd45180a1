#!/bin/sh
echo "one: FOO=$FOO BAR=$BAR"
