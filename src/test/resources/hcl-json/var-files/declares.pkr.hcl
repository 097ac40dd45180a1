variable "a" {
  type = string
}
variable "n" {
  type = number
  default = 1
}
variable "l" {
  type = list(string)
  default = []
}
