#!/bin/sh
echo "two: $PACKER_BUILD_NAME"
echo "written" > from-script.txt
